package io.socon.messaging.impl.mls.xmtp;

import java.util.Objects;

/**
 * A key package failed a check. {@link #check()} says which, as a stable code; the message says what was
 * wrong, e.g. "key package lifetime expired at 2026-03-01T00:00:00Z".
 */
public final class KeyPackageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KeyPackageCheck check;

    /**
     * @param check   the check that failed
     * @param message what was wrong
     */
    public KeyPackageRejectedException(KeyPackageCheck check, String message) {
        super(message);
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * @param check   the check that failed
     * @param message what was wrong
     * @param cause   the underlying error, e.g. a decoding error
     */
    public KeyPackageRejectedException(KeyPackageCheck check, String message, Throwable cause) {
        super(message, cause);
        this.check = Objects.requireNonNull(check, "check");
    }

    /** The check that failed. */
    public KeyPackageCheck check() {
        return check;
    }
}
