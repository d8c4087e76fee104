package io.socon.messaging.api;

import java.util.Objects;

/**
 * Thrown at once (not through a {@code CompletionStage}) when a value given to the API is malformed: an
 * address, an id, a text that is too long. It is an {@link IllegalArgumentException}, as Java code expects, and
 * carries the same stable {@link ErrorCode} as asynchronous failures, so a REST layer can map both the same way.
 * The message names the value and says what form is expected.
 */
public class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code one of the {@code INVALID_*} codes or {@link ErrorCode#CONTENT_TOO_LARGE}
     * @param message what is wrong and what is expected
     */
    public InvalidValueException(ErrorCode code, String message) {
        super(code.name() + ": " + message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }
}
