package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * The path of a commit (RFC 9420 section 7.6): {@code struct { LeafNode leaf_node; UpdatePathNode nodes<V>; }
 * UpdatePath}, the committer's new leaf and one node per entry of its filtered direct path.
 *
 * @param leafNode the committer's new leaf node (source commit)
 * @param nodes    the new public keys and encrypted path secrets, from the leaf's parent side up to the root
 */
public record UpdatePath(LeafNode leafNode, List<Node> nodes) implements TlsEncodable {

    /** Checks for null and copies the list. */
    public UpdatePath {
        Objects.requireNonNull(leafNode, "leafNode");
        nodes = List.copyOf(nodes);
    }

    /**
     * Decodes an UpdatePath that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed UpdatePath
     */
    public static UpdatePath decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "UpdatePath", UpdatePath::readFrom);
    }

    /** Reads one UpdatePath. */
    public static UpdatePath readFrom(TlsReader in) {
        LeafNode leaf = LeafNode.readFrom(in);
        return new UpdatePath(leaf, in.readList("UpdatePath.nodes", Node::readFrom));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.write(leafNode).writeList(nodes);
    }

    /**
     * {@code struct { HPKEPublicKey encryption_key; HPKECiphertext encrypted_path_secret<V>; } UpdatePathNode}.
     *
     * @param encryptionKey       the node's new public key
     * @param encryptedPathSecret the node's path secret encrypted to each node of the copath child's resolution
     */
    public record Node(Bytes encryptionKey, List<HpkeCiphertext> encryptedPathSecret) implements TlsEncodable {

        /** Checks for null and copies the list. */
        public Node {
            Objects.requireNonNull(encryptionKey, "encryptionKey");
            encryptedPathSecret = List.copyOf(encryptedPathSecret);
        }

        /** Reads one UpdatePathNode. */
        public static Node readFrom(TlsReader in) {
            Bytes key = in.readOpaque("UpdatePathNode.encryption_key");
            return new Node(key, in.readList("UpdatePathNode.encrypted_path_secret", HpkeCiphertext::readFrom));
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeOpaque(encryptionKey).writeList(encryptedPathSecret);
        }
    }
}
