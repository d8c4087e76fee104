package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.tree.TreePrivateKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The private keys of one member in one group, kept apart from the public group state: the signature key, the
 * {@link TreePrivateKeys} of its leaf and path, and the leaf keys of Update proposals it sent that are not yet
 * committed. Copy-on-write: every {@code with...} returns a new holder, so the state of the previous epoch
 * stays usable until the caller closes it. {@link #close()} wipes this holder's copies.
 *
 * <p>{@link #toBytes()} is a separate storage form from the group state's, so a host can keep it in a key
 * vault and the rest in an ordinary database.
 */
public final class GroupKeys implements AutoCloseable {

    /** The version byte of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private final byte[] signaturePrivate;
    private final TreePrivateKeys tree;
    private final Map<Bytes, byte[]> pendingLeafKeys;

    private GroupKeys(byte[] signaturePrivate, TreePrivateKeys tree, Map<Bytes, byte[]> pendingLeafKeys) {
        this.signaturePrivate = signaturePrivate;
        this.tree = Objects.requireNonNull(tree, "tree");
        this.pendingLeafKeys = pendingLeafKeys;
    }

    /** A holder with a signature key and tree keys (both copied; the caller still owns {@code tree}). */
    public static GroupKeys of(Ed25519KeyPair signature, TreePrivateKeys tree) {
        return new GroupKeys(signature.privateKey(), TreePrivateKeys.fromStateBytes(tree.toStateBytes()),
                new LinkedHashMap<>());
    }

    /** The signature key pair. */
    public Ed25519KeyPair signatureKey() {
        return Ed25519KeyPair.fromPrivateKey(signaturePrivate);
    }

    /** The tree keys (owned by this holder: do not close them). */
    public TreePrivateKeys tree() {
        return tree;
    }

    /** The member's leaf index. */
    public int leafIndex() {
        return tree.leafIndex();
    }

    /** A holder with {@code newTree} (taken over, not copied) instead of the current tree keys. */
    GroupKeys withTree(TreePrivateKeys newTree) {
        return new GroupKeys(signaturePrivate.clone(), newTree, copyPending());
    }

    /** A holder that also remembers the leaf key of an Update proposal just sent. */
    GroupKeys withPendingLeafKey(X25519KeyPair leafKey) {
        Map<Bytes, byte[]> pending = copyPending();
        pending.put(leafKey.publicKey(), leafKey.privateKey());
        return new GroupKeys(signaturePrivate.clone(), TreePrivateKeys.fromStateBytes(tree.toStateBytes()), pending);
    }

    /** The private key of a pending Update whose leaf has the public key {@code encryptionKey}. */
    Optional<X25519KeyPair> pendingLeafKey(Bytes encryptionKey) {
        byte[] key = pendingLeafKeys.get(encryptionKey);
        return key == null ? Optional.empty() : Optional.of(X25519KeyPair.fromPrivateKey(key));
    }

    /** Whether Update leaf keys are waiting for a commit. */
    boolean hasPendingLeafKeys() {
        return !pendingLeafKeys.isEmpty();
    }

    /** A holder with {@code newTree} and no pending Update keys (a new epoch began). */
    GroupKeys nextEpoch(TreePrivateKeys newTree) {
        return new GroupKeys(signaturePrivate.clone(), newTree, new LinkedHashMap<>());
    }

    /** The storage form: version, signature key, tree keys, pending Update keys. Holds secrets. */
    public byte[] toBytes() {
        List<Map.Entry<Bytes, byte[]>> pending = new ArrayList<>(pendingLeafKeys.entrySet());
        return new TlsWriter().writeUint8(FORMAT_VERSION).writeOpaque(signaturePrivate)
                .writeOpaque(tree.toStateBytes())
                .writeList(pending, (w, e) -> w.writeOpaque(e.getKey()).writeOpaque(e.getValue()))
                .toByteArray();
    }

    /**
     * Restores a holder written by {@link #toBytes()}.
     *
     * @throws MlsDecodeException if the bytes are malformed or of another version
     */
    public static GroupKeys fromBytes(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "GroupKeys", in -> {
            int version = in.readUint8("GroupKeys.version");
            if (version != FORMAT_VERSION) {
                throw new MlsDecodeException("GroupKeys.version", 0, "unknown version " + version);
            }
            byte[] signature = in.readOpaque("GroupKeys.signature").toByteArray();
            TreePrivateKeys tree = TreePrivateKeys.fromStateBytes(in.readOpaque("GroupKeys.tree").toByteArray());
            Map<Bytes, byte[]> pending = new LinkedHashMap<>();
            TlsReader list = in.readVector("GroupKeys.pending");
            while (list.hasRemaining()) {
                Bytes pub = list.readOpaque("GroupKeys.pending.public");
                pending.put(pub, list.readOpaque("GroupKeys.pending.private").toByteArray());
            }
            return new GroupKeys(signature, tree, pending);
        });
    }

    private Map<Bytes, byte[]> copyPending() {
        Map<Bytes, byte[]> copy = new LinkedHashMap<>();
        pendingLeafKeys.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Wipes this holder's keys (the tree keys included). */
    @Override
    public void close() {
        Arrays.fill(signaturePrivate, (byte) 0);
        pendingLeafKeys.values().forEach(v -> Arrays.fill(v, (byte) 0));
        tree.close();
    }

    @Override
    public String toString() {
        return "GroupKeys[leaf " + tree.leafIndex() + "]";
    }
}
