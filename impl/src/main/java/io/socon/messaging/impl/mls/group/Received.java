package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.List;
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
 * @param applied         for a commit (also one that removed us), the proposals it applied, in order
 * @param pathLeaf        for a commit with an update path, the committer's new leaf
 */
public record Received(Kind kind, Group group, Sender sender, long epoch, Optional<Bytes> applicationData,
                       Optional<Proposal> proposal, List<Applied> applied, Optional<LeafNode> pathLeaf) {

    /**
     * A proposal a received commit applied, with who proposed it (the committer for proposals by value).
     *
     * @param proposal  the proposal
     * @param proposer  its sender
     */
    public record Applied(Proposal proposal, Sender proposer) {
        public Applied {
            Objects.requireNonNull(proposal, "proposal");
            Objects.requireNonNull(proposer, "proposer");
        }
    }

    /** A message that is not a commit. */
    public Received(Kind kind, Group group, Sender sender, long epoch, Optional<Bytes> applicationData,
                    Optional<Proposal> proposal) {
        this(kind, group, sender, epoch, applicationData, proposal, List.of(), Optional.empty());
    }

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
        applied = List.copyOf(applied);
        Objects.requireNonNull(pathLeaf, "pathLeaf");
    }
}
