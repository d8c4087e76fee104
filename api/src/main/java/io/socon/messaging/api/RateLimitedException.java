package io.socon.messaging.api;

import java.time.Duration;
import java.util.Objects;

/** The caller was rate-limited ({@link ErrorCode#RATE_LIMITED}); it may try again after {@link #retryAfter()}. */
public class RateLimitedException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message which limit was hit
     * @param retryAfter the shortest wait after which a retry may succeed; zero or positive
     */
    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long to wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
