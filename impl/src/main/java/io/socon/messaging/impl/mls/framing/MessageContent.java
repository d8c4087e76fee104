package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Commit;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.Objects;

/**
 * The body of a FramedContent or PrivateMessageContent, selected by the content type: application data, a
 * proposal or a commit. Encodes without the content type, which precedes it where the RFC places it.
 */
public sealed interface MessageContent extends TlsEncodable {

    /** The content type this body goes with. */
    ContentType contentType();

    /** Reads the body of {@code type}. */
    static MessageContent readFrom(TlsReader in, ContentType type) {
        return switch (type) {
            case APPLICATION -> new Application(in.readOpaque("application_data"));
            case PROPOSAL -> new OfProposal(Proposal.readFrom(in));
            case COMMIT -> new OfCommit(Commit.readFrom(in));
        };
    }

    /**
     * Application data: {@code opaque application_data<V>}.
     *
     * @param data the application's bytes
     */
    record Application(Bytes data) implements MessageContent {
        /** Checks for null. */
        public Application {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ContentType contentType() {
            return ContentType.APPLICATION;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeOpaque(data);
        }
    }

    /**
     * A proposal.
     *
     * @param proposal the proposal
     */
    record OfProposal(Proposal proposal) implements MessageContent {
        /** Checks for null. */
        public OfProposal {
            Objects.requireNonNull(proposal, "proposal");
        }

        @Override
        public ContentType contentType() {
            return ContentType.PROPOSAL;
        }

        @Override
        public void writeTo(TlsWriter out) {
            proposal.writeTo(out);
        }
    }

    /**
     * A commit.
     *
     * @param commit the commit
     */
    record OfCommit(Commit commit) implements MessageContent {
        /** Checks for null. */
        public OfCommit {
            Objects.requireNonNull(commit, "commit");
        }

        @Override
        public ContentType contentType() {
            return ContentType.COMMIT;
        }

        @Override
        public void writeTo(TlsWriter out) {
            commit.writeTo(out);
        }
    }
}
