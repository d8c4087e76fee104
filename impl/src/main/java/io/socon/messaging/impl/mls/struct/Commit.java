package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A commit (RFC 9420 section 12.4): {@code struct { ProposalOrRef proposals<V>; optional<UpdatePath> path; }}.
 *
 * @param proposals the proposals it applies, inline or by reference
 * @param path      the sender's new path, when present
 */
public record Commit(List<ProposalOrRef> proposals, Optional<UpdatePath> path) implements TlsEncodable {

    /** Copies the list and checks for null. */
    public Commit {
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(path, "path");
    }

    /** Reads one Commit. */
    public static Commit readFrom(TlsReader in) {
        return new Commit(in.readList("Commit.proposals", ProposalOrRef::readFrom),
                in.readOptional("Commit.path", UpdatePath::readFrom));
    }

    /** Decodes a Commit that makes up all of {@code bytes}. */
    public static Commit decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "Commit", Commit::readFrom);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeList(proposals).writeOptional(path, (w, p) -> p.writeTo(w));
    }

    /** A proposal inline or a reference to one sent before ({@code ProposalOrRef}). */
    public sealed interface ProposalOrRef extends TlsEncodable {

        /** Reads one ProposalOrRef. */
        static ProposalOrRef readFrom(TlsReader in) {
            int start = in.position();
            int type = in.readUint8("ProposalOrRef.type");
            return switch (type) {
                case 1 -> new Inline(Proposal.readFrom(in));
                case 2 -> new Reference(in.readOpaque("ProposalOrRef.reference"));
                default -> throw new MlsDecodeException("ProposalOrRef.type", start,
                        "unknown ProposalOrRef type " + type + " (expected 1 proposal or 2 reference)");
            };
        }
    }

    /**
     * A proposal carried in the commit.
     *
     * @param proposal the proposal
     */
    public record Inline(Proposal proposal) implements ProposalOrRef {
        /** Checks for null. */
        public Inline {
            Objects.requireNonNull(proposal, "proposal");
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(1);
            proposal.writeTo(out);
        }
    }

    /**
     * A reference (MakeProposalRef) to a proposal sent earlier in the epoch.
     *
     * @param reference the ProposalRef
     */
    public record Reference(Bytes reference) implements ProposalOrRef {
        /** Checks for null. */
        public Reference {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(2).writeOpaque(reference);
        }
    }
}
