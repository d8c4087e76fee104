package io.socon.messaging.spi.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of an {@link IdentityProvider}: an identity, or one of two named sentinels instead of null.
 * Modelled on Jakarta Security's {@code CredentialValidationResult}.
 */
public final class IdentityResult {

    /** What kind of answer this is. */
    public enum Status {
        /** The provider does not know this user; ask the next one. */
        NOT_HANDLED,
        /** The provider knows the user and refuses them an inbox; stop asking. */
        DENIED,
        /** The user has this identity. */
        RESOLVED
    }

    /** The provider does not know this user; the next provider is asked. */
    public static final IdentityResult NOT_HANDLED = new IdentityResult(Status.NOT_HANDLED, null, null);

    /** The user must not have an inbox; no further provider is asked and the host gets {@code IDENTITY_NOT_AVAILABLE}. */
    public static final IdentityResult DENIED = new IdentityResult(Status.DENIED, null, null);

    private final Status status;
    private final Signer signer;
    private final Custody custody;

    private IdentityResult(Status status, Signer signer, Custody custody) {
        this.status = status;
        this.signer = signer;
        this.custody = custody;
    }

    /** The user's wallet is held by this server; {@code signer} signs without asking anyone. */
    public static IdentityResult custodial(Signer signer) {
        return new IdentityResult(Status.RESOLVED, Objects.requireNonNull(signer, "signer"), Custody.CUSTODIAL);
    }

    /** The user's wallet is their own; {@code signer} returns challenges for it to sign. */
    @io.socon.messaging.api.Beta
    public static IdentityResult externalWallet(Signer signer) {
        return new IdentityResult(Status.RESOLVED, Objects.requireNonNull(signer, "signer"), Custody.EXTERNAL_WALLET);
    }

    /** What kind of answer this is. */
    public Status status() {
        return status;
    }

    /** The wallet's signer, present when {@link Status#RESOLVED}. */
    public Optional<Signer> signer() {
        return Optional.ofNullable(signer);
    }

    /** Who holds the wallet, present when {@link Status#RESOLVED}. */
    public Optional<Custody> custody() {
        return Optional.ofNullable(custody);
    }

    @Override
    public String toString() {
        return status == Status.RESOLVED ? "IdentityResult[" + custody + " " + signer.address() + "]"
                : "IdentityResult[" + status + "]";
    }
}
