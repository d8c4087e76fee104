package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposal with who sent it and, for one sent on its own in the epoch, its ProposalRef.
 *
 * @param proposal  the proposal
 * @param sender    who proposed it (for proposals inline in a commit, the committer)
 * @param reference the ProposalRef, empty for a proposal inline in a commit
 */
record ProposalEntry(Proposal proposal, Sender sender, Optional<Bytes> reference) {

    ProposalEntry {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(reference, "reference");
    }

    /** The sender's leaf index, or -1 when the sender is not a member. */
    int senderLeaf() {
        return sender.isMember() ? (int) sender.index() : -1;
    }

    void writeTo(TlsWriter out) {
        out.write(proposal).write(sender).writeOptional(reference, TlsWriter::writeOpaque);
    }

    static ProposalEntry readFrom(TlsReader in) {
        return new ProposalEntry(Proposal.readFrom(in), Sender.readFrom(in),
                in.readOptional("ProposalEntry.reference", r -> r.readOpaque("reference")));
    }
}
