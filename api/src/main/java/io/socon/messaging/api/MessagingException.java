package io.socon.messaging.api;

import java.util.Objects;

/**
 * A failure of a Socon Messaging operation, with a stable {@link ErrorCode}.
 *
 * <p>Asynchronous operations complete exceptionally with this exception (wrapped by
 * {@link java.util.concurrent.CompletionException} when observed through {@code join()}; use
 * {@link #unwrap(Throwable)} to get it back). Code should branch on {@link #code()}, never on the message: the
 * message is for people and may change.
 */
public class MessagingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code what failed; not null
     * @param message what happened and what to do, for people
     */
    public MessagingException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param code what failed; not null
     * @param message what happened and what to do, for people
     * @param cause the underlying failure, or null
     */
    public MessagingException(ErrorCode code, String message, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }

    /** Whether retrying the same call later may succeed; shorthand for {@code code().retryable()}. */
    public boolean retryable() {
        return code.retryable();
    }

    /**
     * Finds the {@code MessagingException} inside a failure observed from a {@code CompletionStage}
     * ({@code CompletionException}, {@code ExecutionException} or the exception itself).
     *
     * @return the exception, or a new one with {@link ErrorCode#INTERNAL} wrapping {@code failure}
     */
    public static MessagingException unwrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MessagingException m) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new MessagingException(ErrorCode.INTERNAL, String.valueOf(failure), failure);
    }
}
