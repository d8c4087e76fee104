package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content of a non-blank parent node of the ratchet tree (RFC 9420 section 7.1): {@code struct {
 * HPKEPublicKey encryption_key; opaque parent_hash<V>; uint32 unmerged_leaves<V>; } ParentNode}.
 *
 * <p>Decoding keeps the unmerged leaves in the order they came so that a tree re-encodes to the same bytes;
 * whether they are sorted, and whether they name leaves below this node, is checked by
 * {@link TreeValidator}.
 *
 * @param encryptionKey  the node's HPKE public key
 * @param parentHash     the parent hash of the next non-blank node above, empty for the root
 * @param unmergedLeaves leaf indices below this node whose members do not hold its private key
 */
public record ParentNode(Bytes encryptionKey, Bytes parentHash, List<Integer> unmergedLeaves)
        implements TlsEncodable {

    /** Checks for nulls and ranges, and copies the list. */
    public ParentNode {
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(parentHash, "parentHash");
        unmergedLeaves = List.copyOf(unmergedLeaves);
        for (int leaf : unmergedLeaves) {
            if (leaf < 0 || leaf >= TreeMath.MAX_LEAVES) {
                throw new IllegalArgumentException("unmerged leaf index out of range: " + leaf);
            }
        }
    }

    /** Reads one ParentNode; leaf indices beyond {@link TreeMath#MAX_LEAVES} are refused. */
    public static ParentNode readFrom(TlsReader in) {
        Bytes key = in.readOpaque("ParentNode.encryption_key");
        Bytes parentHash = in.readOpaque("ParentNode.parent_hash");
        TlsReader list = in.readVector("ParentNode.unmerged_leaves");
        List<Integer> leaves = new ArrayList<>();
        while (list.hasRemaining()) {
            int at = list.position();
            long leaf = list.readUint32("ParentNode.unmerged_leaves");
            if (leaf >= TreeMath.MAX_LEAVES) {
                throw new MlsDecodeException("ParentNode.unmerged_leaves", at,
                        "leaf index " + leaf + " is beyond any ratchet tree this implementation can hold");
            }
            leaves.add((int) leaf);
        }
        return new ParentNode(key, parentHash, leaves);
    }

    /** This node with another parent hash. */
    public ParentNode withParentHash(Bytes newParentHash) {
        return new ParentNode(encryptionKey, newParentHash, unmergedLeaves);
    }

    /** This node with {@code leaf} added to the unmerged leaves, keeping them in increasing order. */
    public ParentNode withUnmergedLeaf(int leaf) {
        List<Integer> leaves = new ArrayList<>(unmergedLeaves);
        int at = 0;
        while (at < leaves.size() && leaves.get(at) < leaf) {
            at++;
        }
        if (at < leaves.size() && leaves.get(at) == leaf) {
            return this;
        }
        leaves.add(at, leaf);
        return new ParentNode(encryptionKey, parentHash, leaves);
    }

    /** This node without the unmerged leaves for which {@code excluded} answers true. */
    ParentNode withoutUnmerged(java.util.function.IntPredicate excluded) {
        List<Integer> kept = new ArrayList<>(unmergedLeaves.size());
        for (int leaf : unmergedLeaves) {
            if (!excluded.test(leaf)) {
                kept.add(leaf);
            }
        }
        return kept.size() == unmergedLeaves.size() ? this : new ParentNode(encryptionKey, parentHash, kept);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(encryptionKey)
                .writeOpaque(parentHash)
                .writeList(unmergedLeaves, (w, leaf) -> w.writeUint32(leaf));
    }
}
