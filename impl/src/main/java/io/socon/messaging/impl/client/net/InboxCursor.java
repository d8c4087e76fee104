package io.socon.messaging.impl.client.net;

import java.util.Objects;

/**
 * An inbox and the sequence id of the last identity update already seen ({@code 0} for none).
 *
 * @param inboxId the inbox id, 64 lowercase hex digits
 * @param afterSequenceId the exclusive cursor
 */
public record InboxCursor(String inboxId, long afterSequenceId) {

    public InboxCursor {
        Objects.requireNonNull(inboxId, "inboxId");
        if (afterSequenceId < 0) {
            throw new IllegalArgumentException("afterSequenceId must not be negative, got " + afterSequenceId);
        }
    }
}
