package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * A proposal (RFC 9420 section 12.1): a {@code uint16} type and the body of that type. Types RFC 9420 does
 * not define are kept as {@link Unknown}, whose body is read as {@code opaque payload<V>} (the convention of
 * OpenMLS custom proposals, since RFC 9420 leaves their layout to the extension that defines them).
 */
public sealed interface Proposal extends TlsEncodable {

    /** The proposal type code, see {@link ProposalType}. */
    int type();

    /** Writes the body after the type. */
    void writeBody(TlsWriter out);

    @Override
    default void writeTo(TlsWriter out) {
        out.writeUint16(type());
        writeBody(out);
    }

    /** Reads one Proposal. */
    static Proposal readFrom(TlsReader in) {
        int type = in.readUint16("Proposal.proposal_type");
        return switch (type) {
            case ProposalType.ADD -> new Add(KeyPackage.readFrom(in));
            case ProposalType.UPDATE -> new Update(LeafNode.readFrom(in));
            case ProposalType.REMOVE -> new Remove(in.readUint32("Remove.removed"));
            case ProposalType.PSK -> new PreSharedKey(PreSharedKeyId.readFrom(in));
            case ProposalType.REINIT -> new ReInit(in.readOpaque("ReInit.group_id"),
                    in.readUint16("ReInit.version"), in.readUint16("ReInit.cipher_suite"),
                    Extension.readList(in, "ReInit.extensions"));
            case ProposalType.EXTERNAL_INIT -> new ExternalInit(in.readOpaque("ExternalInit.kem_output"));
            case ProposalType.GROUP_CONTEXT_EXTENSIONS ->
                    new GroupContextExtensions(Extension.readList(in, "GroupContextExtensions.extensions"));
            default -> new Unknown(type, in.readOpaque("Proposal.payload"));
        };
    }

    /** Decodes a Proposal that makes up all of {@code bytes}. */
    static Proposal decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "Proposal", Proposal::readFrom);
    }

    /**
     * Add.
     *
     * @param keyPackage the key package of the member to add
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
            keyPackage.writeTo(out);
        }
    }

    /**
     * Update.
     *
     * @param leafNode the sender's new leaf node
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
            leafNode.writeTo(out);
        }
    }

    /**
     * Remove.
     *
     * @param removed the leaf index of the member to remove (uint32)
     */
    record Remove(long removed) implements Proposal {
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
     * PreSharedKey.
     *
     * @param pskId the PSK to inject
     */
    record PreSharedKey(PreSharedKeyId pskId) implements Proposal {
        /** Checks for null. */
        public PreSharedKey {
            Objects.requireNonNull(pskId, "pskId");
        }

        @Override
        public int type() {
            return ProposalType.PSK;
        }

        @Override
        public void writeBody(TlsWriter out) {
            pskId.writeTo(out);
        }
    }

    /**
     * ReInit.
     *
     * @param groupId     the new group's id
     * @param version     its protocol version
     * @param cipherSuite its cipher suite
     * @param extensions  its group context extensions
     */
    record ReInit(Bytes groupId, int version, int cipherSuite, List<Extension> extensions) implements Proposal {
        /** Checks for nulls and copies the list. */
        public ReInit {
            Objects.requireNonNull(groupId, "groupId");
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
     * ExternalInit.
     *
     * @param kemOutput the HPKE encapsulation to the group's external key
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
     * GroupContextExtensions.
     *
     * @param extensions the new group context extensions
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
     * @param payload the {@code opaque<V>} body
     */
    record Unknown(int type, Bytes payload) implements Proposal {
        /** Checks the range and null. */
        public Unknown {
            if (type < 0 || type > 0xFFFF) {
                throw new IllegalArgumentException("proposal type is a uint16: " + type);
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public void writeBody(TlsWriter out) {
            out.writeOpaque(payload);
        }
    }
}
