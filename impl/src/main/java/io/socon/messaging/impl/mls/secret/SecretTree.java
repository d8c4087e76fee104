package io.socon.messaging.impl.mls.secret;

import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Kdf;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret tree of one epoch (RFC 9420 section 9): a binary tree over the group's leaves whose root is the
 * encryption_secret; each node's children are {@code ExpandWithLabel(node, "tree", "left"|"right", Nh)}, and
 * each leaf's secret starts a handshake and an application {@link RatchetType ratchet}.
 *
 * <p>Derivation is lazy: a leaf's path is derived the first time the leaf is used. A node's secret is wiped
 * once its children exist, a leaf's once its ratchets exist, a ratchet secret once the next one exists and a
 * key once it is handed out. Senders call {@link #nextKey}; receivers call {@link #keyFor}, which keeps a
 * bounded number of skipped keys and refuses generations too far ahead ({@link RatchetConfig}).
 *
 * <p>The leaf count is the ratchet tree's, a power of two. Not thread-safe: one tree per group state, used
 * under the group's lock.
 */
public final class SecretTree {

    /** The version byte of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] LEFT = {'l', 'e', 'f', 't'};
    private static final byte[] RIGHT = {'r', 'i', 'g', 'h', 't'};
    private static final byte[] EMPTY = new byte[0];

    private final int leafCount;
    private final RatchetConfig config;
    private final byte[][] nodes;
    private final HashRatchet[] handshake;
    private final HashRatchet[] application;
    private boolean destroyed;

    private SecretTree(int leafCount, RatchetConfig config) {
        this.leafCount = leafCount;
        this.config = Objects.requireNonNull(config, "config");
        this.nodes = new byte[2 * leafCount - 1][];
        this.handshake = new HashRatchet[leafCount];
        this.application = new HashRatchet[leafCount];
    }

    /**
     * The secret tree of an epoch with {@code leafCount} leaves, rooted at a copy of
     * {@code encryptionSecret} (the caller may wipe its array).
     *
     * @throws IllegalArgumentException if {@code leafCount} is not a power of two or the secret is not Nh bytes
     */
    public static SecretTree create(byte[] encryptionSecret, int leafCount, RatchetConfig config) {
        checkLeafCount(leafCount);
        if (encryptionSecret.length != Kdf.HASH_LENGTH) {
            throw new IllegalArgumentException("encryption secret must have " + Kdf.HASH_LENGTH + " bytes");
        }
        SecretTree tree = new SecretTree(leafCount, config);
        tree.nodes[root(leafCount)] = encryptionSecret.clone();
        return tree;
    }

    /** The number of leaves. */
    public int leafCount() {
        return leafCount;
    }

    /** The window configuration. */
    public RatchetConfig config() {
        return config;
    }

    /**
     * The key of the next generation of {@code leaf}'s ratchet, for sending a message; the ratchet moves on,
     * so no key is ever handed out twice.
     *
     * @throws SecretTreeException if the leaf is outside the tree or the ratchet is exhausted
     */
    public RatchetKey nextKey(int leaf, RatchetType type) {
        return ratchet(leaf, type).next();
    }

    /**
     * The key of {@code generation} of {@code leaf}'s ratchet, for decrypting a received message. Each key is
     * handed out once; a second request for the same generation fails.
     *
     * @throws SecretTreeException if the leaf is outside the tree, or the generation was used, deleted or is
     *                             too far ahead
     */
    public RatchetKey keyFor(int leaf, RatchetType type, long generation) {
        return ratchet(leaf, type).take(generation, config);
    }

    /** The generation the next {@link #nextKey} for this leaf and ratchet will have. */
    public long nextGeneration(int leaf, RatchetType type) {
        return ratchet(leaf, type).nextGeneration();
    }

    /** Wipes every secret and key; the tree cannot be used afterwards. */
    public void destroy() {
        for (byte[] node : nodes) {
            if (node != null) {
                Arrays.fill(node, (byte) 0);
            }
        }
        Arrays.fill(nodes, null);
        for (HashRatchet[] ratchets : new HashRatchet[][] {handshake, application}) {
            for (int i = 0; i < ratchets.length; i++) {
                if (ratchets[i] != null) {
                    ratchets[i].destroy();
                    ratchets[i] = null;
                }
            }
        }
        destroyed = true;
    }

    /**
     * The whole state for durable storage: version, leaf count, configuration, the node secrets not yet
     * consumed, and each started ratchet with its kept keys. The caller should wipe the array.
     */
    public byte[] toBytes() {
        checkAlive();
        TlsWriter out = new TlsWriter(256);
        out.writeUint8(FORMAT_VERSION)
                .writeUint32(leafCount)
                .writeUint32(config.outOfOrderTolerance())
                .writeUint32(config.maximumForwardDistance());
        out.writeVector(body -> {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null) {
                    body.writeUint32(i).writeOpaque(nodes[i]);
                }
            }
        });
        out.writeVector(body -> {
            for (int leaf = 0; leaf < leafCount; leaf++) {
                for (RatchetType type : RatchetType.values()) {
                    HashRatchet ratchet = array(type)[leaf];
                    if (ratchet != null) {
                        writeRatchet(body, leaf, type, ratchet);
                    }
                }
            }
        });
        return out.toByteArray();
    }

    /**
     * Restores a tree stored with {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a stored tree of a known version
     */
    public static SecretTree fromBytes(byte[] stored) {
        try {
            return TlsReader.decodeExactly(stored, "SecretTree", SecretTree::read);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored SecretTree: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SecretTree[leaves=" + leafCount + (destroyed ? ", destroyed]" : "]");
    }

    private HashRatchet ratchet(int leaf, RatchetType type) {
        checkAlive();
        if (leaf < 0 || leaf >= leafCount) {
            throw new SecretTreeException("leaf " + leaf + " is outside a tree of " + leafCount + " leaves");
        }
        HashRatchet[] ratchets = array(type);
        if (ratchets[leaf] == null) {
            startRatchets(leaf);
        }
        return ratchets[leaf];
    }

    private void startRatchets(int leaf) {
        int target = 2 * leaf;
        int node = root(leafCount);
        while (node != target) {
            int level = level(node);
            int left = node ^ (1 << (level - 1));
            int right = node ^ (3 << (level - 1));
            byte[] secret = nodes[node];
            if (secret != null) {
                nodes[left] = Kdf.expandWithLabel(secret, "tree", LEFT, Kdf.HASH_LENGTH);
                nodes[right] = Kdf.expandWithLabel(secret, "tree", RIGHT, Kdf.HASH_LENGTH);
                Arrays.fill(secret, (byte) 0);
                nodes[node] = null;
            }
            node = target < node ? left : right;
        }
        byte[] leafSecret = nodes[target];
        if (leafSecret == null) {
            throw new IllegalStateException("the secret of leaf " + leaf + " is gone but its ratchets are not set");
        }
        handshake[leaf] = HashRatchet.start(
                Kdf.expandWithLabel(leafSecret, RatchetType.HANDSHAKE.label(), EMPTY, Kdf.HASH_LENGTH));
        application[leaf] = HashRatchet.start(
                Kdf.expandWithLabel(leafSecret, RatchetType.APPLICATION.label(), EMPTY, Kdf.HASH_LENGTH));
        Arrays.fill(leafSecret, (byte) 0);
        nodes[target] = null;
    }

    private HashRatchet[] array(RatchetType type) {
        return type == RatchetType.HANDSHAKE ? handshake : application;
    }

    private static void writeRatchet(TlsWriter out, int leaf, RatchetType type, HashRatchet ratchet) {
        out.writeUint32(leaf).writeUint8(type.ordinal()).writeUint64(ratchet.nextGeneration());
        out.writeOpaque(ratchet.secret());
        out.writeVector(keys -> {
            for (RatchetKey key : ratchet.kept()) {
                keys.writeUint32(key.generation()).writeOpaque(key.keyArray()).writeOpaque(key.nonceArray());
            }
        });
    }

    private static SecretTree read(TlsReader in) {
        int version = in.readUint8("SecretTree.version");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown SecretTree format version " + version);
        }
        long leafCount = in.readUint32("SecretTree.leaf_count");
        if (leafCount > 1 << 30) {
            throw new IllegalArgumentException("leaf count too large: " + leafCount);
        }
        checkLeafCount((int) leafCount);
        RatchetConfig config = new RatchetConfig((int) in.readUint32("SecretTree.tolerance"),
                Math.toIntExact(in.readUint32("SecretTree.max_forward")));
        SecretTree tree = new SecretTree((int) leafCount, config);
        TlsReader nodes = in.readVector("SecretTree.nodes");
        while (nodes.hasRemaining()) {
            long index = nodes.readUint32("SecretTree.node_index");
            if (index >= tree.nodes.length) {
                throw new IllegalArgumentException("node index out of range: " + index);
            }
            tree.nodes[(int) index] = nodes.readOpaque("SecretTree.node_secret").toByteArray();
        }
        TlsReader ratchets = in.readVector("SecretTree.ratchets");
        while (ratchets.hasRemaining()) {
            long leaf = ratchets.readUint32("Ratchet.leaf");
            int type = ratchets.readUint8("Ratchet.type");
            long next = ratchets.readUint64("Ratchet.next_generation");
            byte[] secret = ratchets.readOpaque("Ratchet.secret").toByteArray();
            ArrayDeque<RatchetKey> kept = new ArrayDeque<>();
            TlsReader keys = ratchets.readVector("Ratchet.kept");
            while (keys.hasRemaining()) {
                kept.addLast(new RatchetKey(keys.readUint32("Key.generation"),
                        keys.readOpaque("Key.key").toByteArray(), keys.readOpaque("Key.nonce").toByteArray()));
            }
            if (leaf >= leafCount || type >= RatchetType.values().length || next < 0
                    || next > HashRatchet.GENERATION_LIMIT) {
                throw new IllegalArgumentException("ratchet entry out of range");
            }
            tree.array(RatchetType.values()[type])[(int) leaf] = new HashRatchet(next, secret, kept);
        }
        return tree;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("the secret tree was destroyed");
        }
    }

    private static void checkLeafCount(int leafCount) {
        if (leafCount < 1 || Integer.bitCount(leafCount) != 1) {
            throw new IllegalArgumentException("leaf count must be a power of two: " + leafCount);
        }
    }

    /** The root's node index in a tree of {@code leafCount} (a power of two) leaves. */
    private static int root(int leafCount) {
        return leafCount - 1;
    }

    /** A node's level: the number of trailing one bits of its index (leaves are level 0). */
    private static int level(int node) {
        return Integer.numberOfTrailingZeros(~node);
    }
}
