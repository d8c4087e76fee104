package io.socon.messaging.impl.mls.group;

/**
 * A group operation was refused: a received message that is not valid for the group (wrong epoch, unknown
 * sender, invalid proposal list, bad path, confirmation tag that does not verify ...) or a local request the
 * group's rules do not allow. The message says which rule was broken; the group state is unchanged.
 */
public class GroupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}. */
    public GroupException(String message) {
        super(message);
    }

    /** A refusal described by {@code message}, caused by {@code cause}. */
    public GroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
