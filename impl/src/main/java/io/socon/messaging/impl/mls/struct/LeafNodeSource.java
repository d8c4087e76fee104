package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * How a leaf node came to be (RFC 9420 section 7.2), with the data that depends on it: a lifetime for a key
 * package, nothing for an update, the parent hash for a commit.
 */
public sealed interface LeafNodeSource {

    /** The {@code LeafNodeSource} code: 1 key_package, 2 update, 3 commit. */
    int code();

    /** Writes the code and the data that depends on it. */
    void writeTo(TlsWriter out);

    /**
     * Reads the source code and the data that depends on it.
     *
     * @throws MlsDecodeException for a code other than 1, 2 or 3, whose layout is unknown
     */
    static LeafNodeSource readFrom(TlsReader in) {
        int start = in.position();
        int code = in.readUint8("LeafNode.leaf_node_source");
        return switch (code) {
            case FromKeyPackage.CODE -> new FromKeyPackage(Lifetime.readFrom(in));
            case FromUpdate.CODE -> new FromUpdate();
            case FromCommit.CODE -> new FromCommit(in.readOpaque("LeafNode.parent_hash"));
            default -> throw new MlsDecodeException("LeafNode.leaf_node_source", start,
                    "unknown leaf node source " + code + " (expected 1 key_package, 2 update or 3 commit)");
        };
    }

    /**
     * The leaf node of a key package.
     *
     * @param lifetime when the key package may be used
     */
    record FromKeyPackage(Lifetime lifetime) implements LeafNodeSource {
        static final int CODE = 1;

        /** Checks the lifetime. */
        public FromKeyPackage {
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public int code() {
            return CODE;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(CODE).write(lifetime);
        }
    }

    /** A leaf node sent in an Update proposal. */
    record FromUpdate() implements LeafNodeSource {
        static final int CODE = 2;

        @Override
        public int code() {
            return CODE;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(CODE);
        }
    }

    /**
     * A leaf node set by a commit's update path.
     *
     * @param parentHash the parent hash that binds the leaf to the path
     */
    record FromCommit(Bytes parentHash) implements LeafNodeSource {
        static final int CODE = 3;

        /** Checks the parent hash. */
        public FromCommit {
            Objects.requireNonNull(parentHash, "parentHash");
        }

        @Override
        public int code() {
            return CODE;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(CODE).writeOpaque(parentHash);
        }
    }
}
