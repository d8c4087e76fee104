package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * A proposal (RFC 9420 section 12.1): {@code struct { ProposalType proposal_type; select (proposal_type) { ... };
 * } Proposal}, one record per type of RFC 9420 and {@link Unknown} for the rest.
 *
 * <p>RFC 9420 gives no layout for proposal types it does not define. Like OpenMLS and mls-rs, we read the body of
 * any other type as one {@code opaque<V>} and keep it raw, so custom proposals (such as those an application
 * defines in the private range) round-trip unchanged.
 */
public sealed interface Proposal extends TlsEncodable {

    /** The proposal type, see {@link ProposalType}. */
    int type();

    /** Writes the body that follows the type. */
    void writeBody(TlsWriter out);

    @Override
    default void writeTo(TlsWriter out) {
        out.writeUint16(type());
        writeBody(out);
    }

    /**
     * Decodes a proposal that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed proposal
     */
    static Proposal decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "Proposal", Proposal::readFrom);
    }

    /** Reads one proposal. */
    static Proposal readFrom(TlsReader in) {
        int type = in.readUint16("Proposal.proposal_type");
        return readBody(type, in);
    }

    /** Reads the body of a proposal of {@code type}. */
    static Proposal readBody(int type, TlsReader in) {
        return switch (type) {
            case ProposalType.ADD -> new Add(KeyPackage.readFrom(in));
            case ProposalType.UPDATE -> new Update(LeafNode.readFrom(in));
            case ProposalType.REMOVE -> new Remove(in.readUint32("Remove.removed"));
            case ProposalType.PSK -> new PreSharedKey(PreSharedKeyId.readFrom(in));
            case ProposalType.REINIT -> new ReInit(in.readOpaque("ReInit.group_id"), in.readUint16("ReInit.version"),
                    in.readUint16("ReInit.cipher_suite"), Extension.readList(in, "ReInit.extensions"));
            case ProposalType.EXTERNAL_INIT -> new ExternalInit(in.readOpaque("ExternalInit.kem_output"));
            case ProposalType.GROUP_CONTEXT_EXTENSIONS ->
                    new GroupContextExtensions(Extension.readList(in, "GroupContextExtensions.extensions"));
            default -> new Unknown(type, in.readOpaque("Proposal.payload"));
        };
    }

    /**
     * Add: a new member with this key package.
     *
     * @param keyPackage the new member's key package
     */
    record Add(KeyPackage keyPackage) implements Proposal {

        /** Checks for null. */
        public Add {
            Objects.requireNonNull(keyPackage, "keyPackage");
        }

        @Override
        public int type() {
            return ProposalType.ADD;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.write(keyPackage);
        }
    }

    /**
     * Update: the sender's new leaf node.
     *
     * @param leafNode the new leaf node, of source update
     */
    record Update(LeafNode leafNode) implements Proposal {

        /** Checks for null. */
        public Update {
            Objects.requireNonNull(leafNode, "leafNode");
        }

        @Override
        public int type() {
            return ProposalType.UPDATE;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.write(leafNode);
        }
    }

    /**
     * Remove: the member at a leaf index.
     *
     * @param removed the leaf index (uint32)
     */
    record Remove(long removed) implements Proposal {

        /** Checks the range. */
        public Remove {
            if (removed < 0 || removed > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("removed is a uint32: " + removed);
            }
        }

        @Override
        public int type() {
            return ProposalType.REMOVE;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeUint32(removed);
        }
    }

    /**
     * PreSharedKey: a PSK to inject into the key schedule.
     *
     * @param psk which PSK
     */
    record PreSharedKey(PreSharedKeyId psk) implements Proposal {

        /** Checks for null. */
        public PreSharedKey {
            Objects.requireNonNull(psk, "psk");
        }

        @Override
        public int type() {
            return ProposalType.PSK;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.write(psk);
        }
    }

    /**
     * ReInit: start a new group with other parameters.
     *
     * @param groupId     the new group's id
     * @param version     its protocol version
     * @param cipherSuite its cipher suite
     * @param extensions  its group context extensions
     */
    record ReInit(Bytes groupId, int version, int cipherSuite, List<Extension> extensions) implements Proposal {

        /** Checks nulls and ranges, and copies the list. */
        public ReInit {
            Objects.requireNonNull(groupId, "groupId");
            if (version < 0 || version > 0xFFFF || cipherSuite < 0 || cipherSuite > 0xFFFF) {
                throw new IllegalArgumentException("version and cipher suite are uint16 values");
            }
            extensions = List.copyOf(extensions);
        }

        @Override
        public int type() {
            return ProposalType.REINIT;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeOpaque(groupId).writeUint16(version).writeUint16(cipherSuite).writeList(extensions);
        }
    }

    /**
     * ExternalInit: the KEM output from which an external joiner's init secret comes.
     *
     * @param kemOutput the KEM output
     */
    record ExternalInit(Bytes kemOutput) implements Proposal {

        /** Checks for null. */
        public ExternalInit {
            Objects.requireNonNull(kemOutput, "kemOutput");
        }

        @Override
        public int type() {
            return ProposalType.EXTERNAL_INIT;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeOpaque(kemOutput);
        }
    }

    /**
     * GroupContextExtensions: the group context's new extensions, replacing all the old ones.
     *
     * @param extensions the new extensions
     */
    record GroupContextExtensions(List<Extension> extensions) implements Proposal {

        /** Copies the list. */
        public GroupContextExtensions {
            extensions = List.copyOf(extensions);
        }

        @Override
        public int type() {
            return ProposalType.GROUP_CONTEXT_EXTENSIONS;
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeList(extensions);
        }
    }

    /**
     * A proposal of a type RFC 9420 does not define, kept raw.
     *
     * @param type    the proposal type
     * @param payload the body as it came (without its length prefix)
     */
    record Unknown(int type, Bytes payload) implements Proposal {

        /** Checks the type (not one of RFC 9420's, which have records) and the payload. */
        public Unknown {
            if (type < 0 || type > 0xFFFF
                    || (type >= ProposalType.ADD && type <= ProposalType.GROUP_CONTEXT_EXTENSIONS)) {
                throw new IllegalArgumentException("not an unknown proposal type: " + type);
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeOpaque(payload);
        }
    }
}
