package io.socon.messaging.api;

import java.util.concurrent.CompletionStage;

/**
 * The entry point: opens the XMTP inboxes of host users. One {@code Messaging} serves every user of a host
 * application; inside a Jakarta server it is injected ({@code @Inject Messaging messaging}), outside one it is
 * built by the implementation's bootstrap.
 *
 * <pre>{@code
 * Inbox inbox = messaging.openInbox(HostUser.of(securityContext.getCallerPrincipal())).toCompletableFuture().join();
 * Dm dm = inbox.conversations().openDm(EthereumAddress.of("0x...")).toCompletableFuture().join();
 * dm.send(Text.of("hello"));
 * }</pre>
 *
 * <p>Thread-safe. Closing it closes every inbox it opened and stops their streams.
 */
public interface Messaging extends AutoCloseable {

    /**
     * Opens the inbox of a host user, creating it on XMTP the first time (a new inbox id, this server's
     * installation, key packages).
     *
     * <p>The identity providers decide which wallet the user has. With a custodial wallet the stage completes
     * with the inbox. With the user's own wallet, a first open completes exceptionally with
     * {@link SignatureRequiredException}; submit the wallet's signature with {@link #submitSignature}.
     * Opening the same user again returns the same (shared) inbox while it is open.
     *
     * @return completes with the open inbox, or with {@link MessagingException} ({@code IDENTITY_NOT_AVAILABLE},
     *     {@code WALLET_SIGNATURE_REQUIRED}, {@code INSTALLATION_LIMIT_REACHED}, {@code NODE_UNAVAILABLE}, ...)
     * @throws InvalidValueException if {@code user} is null
     */
    CompletionStage<Inbox> openInbox(HostUser user);

    /**
     * Finishes an operation that waited for a wallet signature.
     *
     * @param challenge the id of {@link SignatureRequiredException#challenge()}
     * @param signature the 65-byte EIP-191 signature ({@code r || s || v}) the wallet made over the challenge text
     * @return completes with the inbox, or with {@code WALLET_SIGNATURE_INVALID} if the signature does not recover
     *     to the wallet's address or the challenge expired
     * @throws InvalidValueException if an argument is null or the signature is not 65 bytes
     */
    @Beta
    CompletionStage<Inbox> submitSignature(WalletChallenge.Id challenge, byte[] signature);

    /** Closes every open inbox and stops their streams; later calls fail with {@link ErrorCode#CLOSED}. Idempotent. */
    @Override
    void close();
}
