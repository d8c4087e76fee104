package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * UpdatePath (RFC 9420 section 7.6): the committer's new leaf node and, for each node on its filtered direct
 * path, a new public key and the path secret encrypted to the resolution of the copath child.
 *
 * @param leafNode the committer's new leaf node
 * @param nodes    one entry per filtered direct path node, leaf to root
 */
public record UpdatePath(LeafNode leafNode, List<Node> nodes) implements TlsEncodable {

    /** Checks for null and copies the list. */
    public UpdatePath {
        Objects.requireNonNull(leafNode, "leafNode");
        nodes = List.copyOf(nodes);
    }

    /** Reads one UpdatePath. */
    public static UpdatePath readFrom(TlsReader in) {
        return new UpdatePath(LeafNode.readFrom(in), in.readList("UpdatePath.nodes", Node::readFrom));
    }

    @Override
    public void writeTo(TlsWriter out) {
        leafNode.writeTo(out);
        out.writeList(nodes);
    }

    /**
     * UpdatePathNode: {@code struct { HPKEPublicKey encryption_key; HPKECiphertext encrypted_path_secret<V>; }}.
     *
     * @param encryptionKey       the node's new HPKE public key
     * @param encryptedPathSecret the path secret, once per member of the copath child's resolution
     */
    public record Node(Bytes encryptionKey, List<HpkeCiphertext> encryptedPathSecret) implements TlsEncodable {

        /** Checks for null and copies the list. */
        public Node {
            Objects.requireNonNull(encryptionKey, "encryptionKey");
            encryptedPathSecret = List.copyOf(encryptedPathSecret);
        }

        /** Reads one UpdatePathNode. */
        public static Node readFrom(TlsReader in) {
            return new Node(in.readOpaque("UpdatePathNode.encryption_key"),
                    in.readList("UpdatePathNode.encrypted_path_secret", HpkeCiphertext::readFrom));
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeOpaque(encryptionKey).writeList(encryptedPathSecret);
        }
    }
}
