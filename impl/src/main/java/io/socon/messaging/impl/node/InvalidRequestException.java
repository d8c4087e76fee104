package io.socon.messaging.impl.node;

/**
 * A request the node refuses because of what it contains (malformed bytes, a forged signature, a broken
 * rule). Answered with gRPC {@code INVALID_ARGUMENT} and this message, which names what was wrong.
 */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
