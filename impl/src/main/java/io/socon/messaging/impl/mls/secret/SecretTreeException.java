package io.socon.messaging.impl.mls.secret;

/**
 * The secret tree cannot give the key a message asks for: the generation is too far ahead, was already used
 * or has been deleted, or the leaf is outside the tree. Peers can cause it, so callers treat it as a
 * rejected message.
 */
public final class SecretTreeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public SecretTreeException(String message) {
        super(message);
    }
}
