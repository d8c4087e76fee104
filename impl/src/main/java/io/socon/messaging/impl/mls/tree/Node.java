package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.LeafNode;
import java.util.Objects;

/**
 * A non-blank node of the ratchet tree as the {@code ratchet_tree} extension carries it (RFC 9420 section
 * 12.4.3.3): {@code struct { NodeType node_type; select (node_type) { case leaf: LeafNode; case parent:
 * ParentNode; }; } Node}. Blank nodes are absent ({@code null} inside {@link RatchetTree}).
 */
public sealed interface Node extends TlsEncodable {

    /** {@code NodeType} leaf. */
    int LEAF = 1;
    /** {@code NodeType} parent. */
    int PARENT = 2;

    /** The node's HPKE public key. */
    Bytes encryptionKey();

    /** Reads one Node. */
    static Node readFrom(TlsReader in) {
        int start = in.position();
        int type = in.readUint8("Node.node_type");
        return switch (type) {
            case LEAF -> new Leaf(LeafNode.readFrom(in));
            case PARENT -> new Parent(ParentNode.readFrom(in));
            default -> throw new MlsDecodeException("Node.node_type", start,
                    "unknown node type " + type + " (expected 1 leaf or 2 parent)");
        };
    }

    /**
     * A leaf.
     *
     * @param leafNode the member's leaf node
     */
    record Leaf(LeafNode leafNode) implements Node {

        /** Checks for null. */
        public Leaf {
            Objects.requireNonNull(leafNode, "leafNode");
        }

        @Override
        public Bytes encryptionKey() {
            return leafNode.encryptionKey();
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(LEAF).write(leafNode);
        }
    }

    /**
     * A parent.
     *
     * @param parentNode the parent node's content
     */
    record Parent(ParentNode parentNode) implements Node {

        /** Checks for null. */
        public Parent {
            Objects.requireNonNull(parentNode, "parentNode");
        }

        @Override
        public Bytes encryptionKey() {
            return parentNode.encryptionKey();
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(PARENT).write(parentNode);
        }
    }
}
