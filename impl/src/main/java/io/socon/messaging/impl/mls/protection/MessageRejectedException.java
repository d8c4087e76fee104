package io.socon.messaging.impl.mls.protection;

/**
 * A received message failed a check: wrong group or epoch, a tag or signature that does not verify,
 * sender data or content that does not decrypt, a key the secret tree cannot give, or malformed plaintext.
 */
public final class MessageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A rejection described by {@code message}. */
    public MessageRejectedException(String message) {
        super(message);
    }

    /** A rejection described by {@code message}, caused by a lower-level failure. */
    public MessageRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
