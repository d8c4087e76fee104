package io.socon.messaging.impl.client.welcome;

import java.util.Objects;

/**
 * A welcome could not be wrapped or unwrapped. {@link #reason()} is the stable code; the message says what was
 * wrong. A received welcome that fails to unwrap cannot be repaired by retrying: the client skips it (the sender
 * may add us again).
 */
public final class WelcomeWrapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why wrapping or unwrapping failed. */
    public enum Reason {
        /** The recipient's wrapping key is malformed: wrong length, bad extension, or not a usable public key. */
        INVALID_RECIPIENT_KEY,
        /** The welcome names a wrapper algorithm we do not know. */
        UNKNOWN_ALGORITHM,
        /**
         * The welcome is a welcome-pointer pointee (symmetric key) or a welcome pointer. We never advertise the
         * 0xFF04 extension, so libxmtp does not send us pointers.
         */
        SYMMETRIC_KEY_UNSUPPORTED,
        /** The welcome is addressed to a public key for which the caller has no private key. */
        NO_PRIVATE_KEY,
        /** The private key the caller gave does not belong to the welcome's {@code hpke_public_key}. */
        WRONG_KEY,
        /** The bytes are not a TLS {@code HpkeCiphertext}, or the KEM output has the wrong size. */
        MALFORMED,
        /** HPKE decryption failed: the ciphertext was altered or sealed to another key. */
        DECRYPTION_FAILED
    }

    private final Reason reason;

    /**
     * @param reason  the stable code
     * @param message what was wrong
     */
    public WelcomeWrapException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  the stable code
     * @param message what was wrong
     * @param cause   the underlying failure
     */
    public WelcomeWrapException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
