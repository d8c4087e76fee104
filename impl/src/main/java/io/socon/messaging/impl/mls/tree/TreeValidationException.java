package io.socon.messaging.impl.mls.tree;

/**
 * A ratchet tree, leaf node or update path that RFC 9420 says must be refused. The message says which node and
 * which rule.
 */
public final class TreeValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal explained by {@code message}. */
    public TreeValidationException(String message) {
        super(message);
    }

    /** A refusal explained by {@code message}, caused by {@code cause}. */
    public TreeValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
