package io.socon.messaging.impl.mls.crypto;

/**
 * A cryptographic operation failed on its input: an AEAD or HPKE ciphertext did not authenticate, or a key
 * was malformed. Peers can cause it at will, so callers treat it as a rejected message, not as a bug.
 */
public final class MlsCryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public MlsCryptoException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by a lower-level exception. */
    public MlsCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
