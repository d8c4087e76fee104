package io.socon.messaging.api;

import java.util.Objects;

/**
 * The host user's own wallet must sign before an operation can finish ({@link ErrorCode#WALLET_SIGNATURE_REQUIRED}):
 * for example the first {@link Messaging#openInbox(HostUser)} of a user whose identity is an external wallet.
 *
 * <p>Show {@link WalletChallenge#text()} to the user's wallet (EIP-191 {@code personal_sign}), then pass the
 * signature to {@link Messaging#submitSignature(WalletChallenge.Id, byte[])}, which finishes the operation.
 */
public class SignatureRequiredException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final transient WalletChallenge challenge;

    /** @param challenge what the wallet must sign */
    public SignatureRequiredException(WalletChallenge challenge) {
        super(ErrorCode.WALLET_SIGNATURE_REQUIRED,
                "the wallet " + Objects.requireNonNull(challenge, "challenge").address()
                        + " must sign challenge " + challenge.id().value() + " before " + challenge.expiresAt());
        this.challenge = challenge;
    }

    /** What the wallet must sign. */
    public WalletChallenge challenge() {
        return challenge;
    }
}
