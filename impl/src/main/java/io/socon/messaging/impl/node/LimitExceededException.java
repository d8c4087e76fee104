package io.socon.messaging.impl.node;

/** A request over a configured limit (payload size, rate); answered with {@code RESOURCE_EXHAUSTED}. */
public class LimitExceededException extends RuntimeException {

    public LimitExceededException(String message) {
        super(message);
    }
}
