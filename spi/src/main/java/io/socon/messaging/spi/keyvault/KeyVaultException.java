package io.socon.messaging.spi.keyvault;

import java.util.Objects;

/**
 * A key vault operation failed, for a stable {@link Reason}. Vault implementations throw it; Socon Messaging
 * reports {@link Reason#UNAVAILABLE} to host applications as {@code KEY_VAULT_UNAVAILABLE} and the others as
 * {@code INTERNAL}. Messages name the key URI but never contain key material.
 */
public class KeyVaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a vault operation failed. */
    public enum Reason {
        /** No key with this URI exists in the vault (never generated, or deleted). */
        KEY_NOT_FOUND,
        /** A key with this URI already exists; vaults never overwrite keys. Delete it first or pick another URI. */
        KEY_EXISTS,
        /** This vault cannot hold keys of this kind (see {@link KeyVault#supportedKinds()}). */
        UNSUPPORTED_KIND,
        /** The key exists but is of another kind than the operation needs (e.g. signing with an X25519 key). */
        WRONG_KIND,
        /** This vault does not offer the operation (e.g. importing keys into an HSM that only generates). */
        UNSUPPORTED_OPERATION,
        /** An argument is malformed: wrong length, not a curve point, a low-order peer key. */
        INVALID_INPUT,
        /** Ciphertext or associated data was altered, or was made by another key. */
        DECRYPTION_FAILED,
        /** No registered vault handles the key URI. */
        NOT_HANDLED,
        /** The vault (a KMS, an HSM, a file) is unreachable or failed; retrying later may succeed. */
        UNAVAILABLE
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what happened, naming the key URI; never key material
     */
    public KeyVaultException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason why
     * @param message what happened, naming the key URI; never key material
     * @param cause the underlying failure, or null
     */
    public KeyVaultException(Reason reason, String message, Throwable cause) {
        super(reason.name() + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the operation failed. */
    public Reason reason() {
        return reason;
    }
}
