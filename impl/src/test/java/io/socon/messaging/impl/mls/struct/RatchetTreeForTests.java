package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Just enough of the ratchet tree encoding ({@code optional<Node> ratchet_tree<V>}, RFC 9420 section 12.4.3.3)
 * to reach the leaf nodes inside test vectors. Not production code: the ratchet tree comes later.
 */
record RatchetTreeForTests(List<Optional<Node>> nodes) {

    static RatchetTreeForTests decode(byte[] bytes) {
        return new RatchetTreeForTests(TlsReader.decodeExactly(bytes, "RatchetTree",
                in -> in.readList("RatchetTree.nodes", r -> r.readOptional("RatchetTree.node", Node::readFrom))));
    }

    byte[] toBytes() {
        return new TlsWriter()
                .writeList(nodes, (out, node) -> out.writeOptional(node, (o, n) -> n.writeTo(o)))
                .toByteArray();
    }

    /** The leaf nodes by leaf index (node index / 2). */
    Map<Integer, LeafNode> leaves() {
        Map<Integer, LeafNode> leaves = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i += 2) {
            int leafIndex = i / 2;
            nodes.get(i).ifPresent(node -> leaves.put(leafIndex, node.leaf()));
        }
        return leaves;
    }

    /** A leaf (node_type 1) or a parent (node_type 2). */
    record Node(LeafNode leaf, Bytes parentEncryptionKey, Bytes parentHash, List<Long> unmergedLeaves) {

        static Node readFrom(TlsReader in) {
            int type = in.readUint8("Node.node_type");
            if (type == 1) {
                return new Node(LeafNode.readFrom(in), null, null, null);
            }
            if (type != 2) {
                throw new IllegalArgumentException("unknown node type " + type);
            }
            return new Node(null, in.readOpaque("ParentNode.encryption_key"), in.readOpaque("ParentNode.parent_hash"),
                    in.readList("ParentNode.unmerged_leaves", r -> r.readUint32("ParentNode.unmerged_leaves")));
        }

        void writeTo(TlsWriter out) {
            if (leaf != null) {
                out.writeUint8(1).write(leaf);
            } else {
                out.writeUint8(2).writeOpaque(parentEncryptionKey).writeOpaque(parentHash)
                        .writeList(unmergedLeaves, TlsWriter::writeUint32);
            }
        }
    }
}
