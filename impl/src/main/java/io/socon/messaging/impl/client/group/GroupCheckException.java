package io.socon.messaging.impl.client.group;

import java.util.Objects;

/**
 * A commit, a welcome or a planned membership change breaks one of XMTP's group rules. {@link #check()} says
 * which, as a stable code; the message says what was wrong, e.g. "ADD_MEMBER_DENIED: the add-member policy
 * refuses inbox 1a2b… (actor 3c4d…)".
 */
public final class GroupCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    private final GroupCheck check;

    /**
     * @param check   the rule broken
     * @param message what was wrong
     */
    public GroupCheckException(GroupCheck check, String message) {
        super(check + ": " + message);
        this.check = Objects.requireNonNull(check, "check");
    }

    /** The rule broken. */
    public GroupCheck check() {
        return check;
    }

    /** Whether trying again later may succeed. */
    public boolean retryable() {
        return check.retryable();
    }
}
