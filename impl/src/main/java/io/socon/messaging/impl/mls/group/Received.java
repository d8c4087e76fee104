package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Group#receive} made of a message.
 *
 * @param kind            what the message was
 * @param group           the group after the message: the same epoch for application data, the epoch with the
 *                        proposal cached for a proposal, the next epoch for a commit; for {@link Kind#REMOVED}
 *                        the group as it was (the member can no longer follow it)
 * @param sender          who sent it
 * @param epoch           the epoch the message was sent in
 * @param applicationData the application data, for {@link Kind#APPLICATION}
 * @param proposal        the proposal, for {@link Kind#PROPOSAL}
 */
public record Received(Kind kind, Group group, Sender sender, long epoch, Optional<Bytes> applicationData,
                       Optional<Proposal> proposal) {

    /** What a received message was. */
    public enum Kind {
        /** Application data. */
        APPLICATION,
        /** A proposal, now cached for a later commit. */
        PROPOSAL,
        /** A commit: the group moved to the next epoch. */
        COMMIT,
        /** A commit that removed this member. */
        REMOVED
    }

    /** Checks for nulls. */
    public Received {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(applicationData, "applicationData");
        Objects.requireNonNull(proposal, "proposal");
    }
}
