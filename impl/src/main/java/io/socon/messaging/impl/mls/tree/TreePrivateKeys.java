package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A member's private HPKE keys for the ratchet tree: the key of its own leaf and of the parent nodes above it
 * whose path secrets it learned. Kept apart from the public {@link RatchetTree} so that trees can be shared,
 * logged and stored without secrets.
 *
 * <p>Copy-on-write: {@link #with}, {@link #withPathSecret} and {@link #without} return a new store with copies of
 * the keys, so a failed commit leaves the old store usable. {@link #close()} overwrites this store's copies with
 * zeros; close the store an operation replaced once the new one is in use. (The key pairs handed out by
 * {@link #keyPair} are Bouncy Castle objects whose memory cannot be wiped; they are short-lived.)
 *
 * <p>Not thread-safe while being closed.
 */
public final class TreePrivateKeys implements AutoCloseable {

    /** The version byte of {@link #toStateBytes()}. */
    public static final int STATE_VERSION = 1;

    private final int leafIndex;
    private final TreeMap<Integer, byte[]> keys;
    private boolean closed;

    private TreePrivateKeys(int leafIndex, TreeMap<Integer, byte[]> owned) {
        if (leafIndex < 0 || leafIndex >= TreeMath.MAX_LEAVES) {
            throw new IllegalArgumentException("leaf index out of range: " + leafIndex);
        }
        this.leafIndex = leafIndex;
        this.keys = owned;
    }

    /** A store holding only the key of the member's leaf. */
    public static TreePrivateKeys forLeaf(int leafIndex, X25519KeyPair leafKey) {
        TreeMap<Integer, byte[]> keys = new TreeMap<>();
        keys.put(TreeMath.leafToNode(leafIndex), leafKey.privateKey());
        return new TreePrivateKeys(leafIndex, keys);
    }

    /** The member's leaf index. */
    public int leafIndex() {
        return leafIndex;
    }

    /** The node indices with a key, in increasing order. */
    public NavigableSet<Integer> nodes() {
        requireOpen();
        return Collections.unmodifiableNavigableSet(keys.navigableKeySet());
    }

    /** Whether there is a key for node {@code node}. */
    public boolean has(int node) {
        requireOpen();
        return keys.containsKey(node);
    }

    /** The key pair of node {@code node}, if known. */
    public Optional<X25519KeyPair> keyPair(int node) {
        requireOpen();
        byte[] key = keys.get(node);
        return key == null ? Optional.empty() : Optional.of(X25519KeyPair.fromPrivateKey(key));
    }

    /** A store with this one's keys and {@code keys} added (replacing keys of the same nodes). */
    public TreePrivateKeys with(Map<Integer, X25519KeyPair> added) {
        TreeMap<Integer, byte[]> copy = copyKeys();
        for (Map.Entry<Integer, X25519KeyPair> entry : added.entrySet()) {
            byte[] old = copy.put(entry.getKey(), entry.getValue().privateKey());
            wipe(old);
        }
        return new TreePrivateKeys(leafIndex, copy);
    }

    /**
     * A store with this one's keys and the key of node {@code node} derived from its path secret:
     * {@code DeriveKeyPair(DeriveSecret(path_secret, "node"))} (RFC 9420 section 7.4).
     */
    public TreePrivateKeys withPathSecret(int node, byte[] pathSecret) {
        return with(Map.of(node, nodeKeyPair(pathSecret)));
    }

    /** A store with this one's keys except those of {@code nodes}. */
    public TreePrivateKeys without(int... nodes) {
        TreeMap<Integer, byte[]> copy = copyKeys();
        for (int node : nodes) {
            wipe(copy.remove(node));
        }
        return new TreePrivateKeys(leafIndex, copy);
    }

    /**
     * A store with only the keys that still belong to {@code tree}: a proposal that blanks nodes (Update,
     * Remove) or truncates the tree makes the keys of those nodes useless, and RFC 9420 section 7.5 asks that
     * outdated keys be deleted. Use after applying proposals to the public tree.
     */
    public TreePrivateKeys retainedFor(RatchetTree tree) {
        TreeMap<Integer, byte[]> copy = copyKeys();
        copy.entrySet().removeIf(entry -> {
            int node = entry.getKey();
            boolean keep = node < tree.nodeCount() && !tree.isBlank(node)
                    && X25519KeyPair.fromPrivateKey(entry.getValue()).publicKey()
                            .equals(tree.node(node).encryptionKey());
            if (!keep) {
                wipe(entry.getValue());
            }
            return !keep;
        });
        return new TreePrivateKeys(leafIndex, copy);
    }

    /**
     * Whether every key belongs to a non-blank node of {@code tree} with the matching public key, the check
     * RFC 9420's test vectors make of a member's private state.
     */
    public boolean consistentWith(RatchetTree tree) {
        requireOpen();
        for (Map.Entry<Integer, byte[]> entry : keys.entrySet()) {
            int node = entry.getKey();
            if (node >= tree.nodeCount() || tree.isBlank(node)) {
                return false;
            }
            Bytes expected = tree.node(node).encryptionKey();
            if (!X25519KeyPair.fromPrivateKey(entry.getValue()).publicKey().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    /** The key pair of a node whose path secret is {@code pathSecret}. */
    static X25519KeyPair nodeKeyPair(byte[] pathSecret) {
        byte[] nodeSecret = Kdf.deriveSecret(pathSecret, "node");
        try {
            return Hpke.deriveKeyPair(nodeSecret);
        } finally {
            Arrays.fill(nodeSecret, (byte) 0);
        }
    }

    /**
     * The versioned storage form: version, leaf index, then (node index, private key) pairs. It holds secrets:
     * encrypt it at rest and wipe the array after use.
     */
    public byte[] toStateBytes() {
        requireOpen();
        TlsWriter out = new TlsWriter();
        out.writeUint8(STATE_VERSION).writeUint32(leafIndex);
        out.writeList(keys.entrySet().stream().toList(),
                (w, entry) -> w.writeUint32(entry.getKey()).writeOpaque(entry.getValue()));
        return out.toByteArray();
    }

    /**
     * Restores a store written by {@link #toStateBytes()}.
     *
     * @throws MlsDecodeException if the bytes are malformed or of an unknown version
     */
    public static TreePrivateKeys fromStateBytes(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "TreePrivateKeys", in -> {
            int version = in.readUint8("TreePrivateKeys.version");
            if (version != STATE_VERSION) {
                throw new MlsDecodeException("TreePrivateKeys.version", 0, "unknown version " + version);
            }
            int at = in.position();
            long leaf = in.readUint32("TreePrivateKeys.leaf_index");
            if (leaf >= TreeMath.MAX_LEAVES) {
                throw new MlsDecodeException("TreePrivateKeys.leaf_index", at, "out of range: " + leaf);
            }
            TreeMap<Integer, byte[]> keys = new TreeMap<>();
            TlsReader list = in.readVector("TreePrivateKeys.keys");
            while (list.hasRemaining()) {
                int entryAt = list.position();
                long node = list.readUint32("TreePrivateKeys.node");
                Bytes key = list.readOpaque("TreePrivateKeys.key");
                if (node > 2L * (TreeMath.MAX_LEAVES - 1) || key.length() != X25519KeyPair.KEY_SIZE
                        || keys.put((int) node, key.toByteArray()) != null) {
                    throw new MlsDecodeException("TreePrivateKeys.keys", entryAt, "bad or repeated entry");
                }
            }
            return new TreePrivateKeys((int) leaf, keys);
        });
    }

    /** Overwrites this store's keys with zeros; the store cannot be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            keys.values().forEach(TreePrivateKeys::wipe);
            keys.clear();
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "TreePrivateKeys[leaf " + leafIndex + ", nodes " + (closed ? "(closed)" : keys.keySet()) + "]";
    }

    private TreeMap<Integer, byte[]> copyKeys() {
        requireOpen();
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        keys.forEach((node, key) -> copy.put(node, key.clone()));
        return copy;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this key store was closed");
        }
    }

    private static void wipe(byte[] key) {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }
}
