package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.MlsCryptoException;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.UpdatePath;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * TreeKEM for cipher suite 3 (RFC 9420 sections 7.4 to 7.6): a committer refreshes the keys on its filtered
 * direct path and encrypts the path secrets to the rest of the group ({@link #createUpdatePath}); every other
 * member merges the path into its tree, decrypts the one path secret meant for it and derives the rest
 * ({@link #applyUpdatePath}). Both give the commit secret for the key schedule.
 *
 * <p>The trees passed in are the trees after the commit's proposals (see {@link TreeEvolution#applyAll}); the
 * leaves those proposals added are given as {@code newLeaves} and receive nothing, as their secrets come in the
 * Welcome. The group context passed in is the provisional one of the new epoch; its {@code tree_hash} is
 * ignored and replaced by the hash of the tree with the path merged, as RFC 9420 requires for the HPKE context.
 *
 * <p>Path secrets and node secrets are wiped as soon as they are used. Returned commit secrets belong to the
 * caller, who should wipe them after the key schedule has consumed them.
 */
public final class TreeKem {

    /** The EncryptWithLabel label of path secrets. */
    public static final String LABEL = "UpdatePathNode";

    private TreeKem() {
    }

    /**
     * What a committer gets from {@link #createUpdatePath}.
     *
     * @param tree         the tree with the path merged and the new leaf (the tree of the new epoch)
     * @param path         the UpdatePath to send in the commit
     * @param keys         the committer's private keys in the new tree
     * @param groupContext the provisional group context with the new tree hash
     * @param commitSecret the commit secret (the caller owns and wipes it)
     * @param pathSecrets  the path secret of each node of the filtered direct path, by node index, for the
     *                     Welcome of members added by the same commit (the caller owns and wipes them)
     */
    public record Created(RatchetTree tree, UpdatePath path, TreePrivateKeys keys, GroupContext groupContext,
                          byte[] commitSecret, Map<Integer, byte[]> pathSecrets) {

        /**
         * The path secret a new member at {@code leafIndex} must receive in its Welcome: that of the lowest node
         * of the committer's filtered direct path above it (a copy).
         *
         * @throws IllegalArgumentException if no node of the path is above that leaf
         */
        public byte[] pathSecretFor(int leafIndex) {
            int leafNode = TreeMath.leafToNode(leafIndex);
            int best = -1;
            for (int node : pathSecrets.keySet()) {
                if (TreeMath.isInSubtree(leafNode, node) && (best < 0 || TreeMath.level(node) < TreeMath.level(best))) {
                    best = node;
                }
            }
            if (best < 0) {
                throw new IllegalArgumentException("no node of the path is above leaf " + leafIndex);
            }
            return pathSecrets.get(best).clone();
        }

        /** Wipes the commit secret and the path secrets. */
        public void wipeSecrets() {
            Arrays.fill(commitSecret, (byte) 0);
            pathSecrets.values().forEach(secret -> Arrays.fill(secret, (byte) 0));
        }
    }

    /**
     * What a receiver gets from {@link #applyUpdatePath}.
     *
     * @param tree          the tree with the path merged
     * @param keys          the receiver's private keys in the new tree
     * @param groupContext  the provisional group context with the new tree hash
     * @param commitSecret  the commit secret (the caller owns and wipes it)
     * @param decryptedNode the node of the committer's filtered direct path whose path secret was decrypted
     * @param pathSecret    that path secret (the caller owns and wipes it)
     */
    public record Processed(RatchetTree tree, TreePrivateKeys keys, GroupContext groupContext, byte[] commitSecret,
                            int decryptedNode, byte[] pathSecret) {
    }

    /** {@link #createUpdatePath(RatchetTree, int, LeafNodeTbs, Ed25519KeyPair, GroupContext, BitSet,
     * SecureRandom)} with the committer's current leaf as the template. */
    public static Created createUpdatePath(RatchetTree tree, int leafIndex, Ed25519KeyPair signer,
                                           GroupContext provisional, BitSet newLeaves, SecureRandom random) {
        LeafNode current = tree.leaf(leafIndex)
                .orElseThrow(() -> new IllegalArgumentException("leaf " + leafIndex + " is blank"));
        return createUpdatePath(tree, leafIndex, current.tbs(), signer, provisional, newLeaves, random);
    }

    /**
     * Creates an UpdatePath from leaf {@code leafIndex}: blanks its direct path, derives fresh keys for its
     * filtered direct path from a random first path secret, sets parent hashes, signs a new leaf (the template's
     * fields with a fresh encryption key and source commit) and encrypts each path secret to the resolution of
     * the matching copath child, leaving out {@code newLeaves}.
     *
     * @param template    the fields of the new leaf node other than encryption key and source
     * @param signer      the private key of the template's signature key
     * @param provisional the new epoch's group context (its tree hash is replaced)
     * @param newLeaves   leaf indices added by the same commit
     */
    public static Created createUpdatePath(RatchetTree tree, int leafIndex, LeafNodeTbs template,
                                           Ed25519KeyPair signer, GroupContext provisional, BitSet newLeaves,
                                           SecureRandom random) {
        requireSuite(provisional);
        if (!signer.publicKey().equals(template.signatureKey())) {
            throw new IllegalArgumentException("the signer does not hold the leaf's signature key");
        }
        SuiteHash hash = SuiteHash.forSuite(provisional.cipherSuite());
        RatchetTree blanked = tree.blankDirectPath(leafIndex);
        int[] path = blanked.filteredDirectPath(leafIndex);
        int[] copath = blanked.filteredCopath(leafIndex);

        byte[][] secrets = new byte[path.length + 1][];
        secrets[0] = new byte[Kdf.HASH_LENGTH];
        random.nextBytes(secrets[0]);
        for (int i = 1; i <= path.length; i++) {
            secrets[i] = Kdf.deriveSecret(secrets[i - 1], "path");
        }
        Map<Integer, X25519KeyPair> nodeKeys = new HashMap<>();
        RatchetTree withKeys = blanked;
        for (int i = 0; i < path.length; i++) {
            X25519KeyPair pair = TreePrivateKeys.nodeKeyPair(secrets[i]);
            nodeKeys.put(path[i], pair);
            withKeys = withKeys.withNode(path[i],
                    new Node.Parent(new ParentNode(pair.publicKey(), Bytes.EMPTY, List.of())));
        }
        RatchetTree.PathParentHashes hashes = withKeys.withPathParentHashes(hash, leafIndex);
        X25519KeyPair leafKey = X25519KeyPair.generate(random);
        LeafNode leaf = new LeafNodeTbs(leafKey.publicKey(), template.signatureKey(), template.credential(),
                template.capabilities(), new LeafNodeSource.FromCommit(hashes.leafParentHash()),
                template.extensions()).sign(signer, provisional.groupId(), leafIndex);
        RatchetTree after = hashes.tree().withLeaf(leafIndex, leaf);
        GroupContext context = withTreeHash(provisional, after.treeHash(hash));
        byte[] contextBytes = context.toBytes();

        List<UpdatePath.Node> nodes = new ArrayList<>(path.length);
        for (int i = 0; i < path.length; i++) {
            List<HpkeCiphertext> ciphertexts = new ArrayList<>();
            for (int recipient : after.resolution(copath[i], newLeaves)) {
                ciphertexts.add(Hpke.encryptWithLabel(after.node(recipient).encryptionKey(), LABEL, contextBytes,
                        secrets[i], random));
            }
            nodes.add(new UpdatePath.Node(nodeKeys.get(path[i]).publicKey(), ciphertexts));
        }
        byte[] commitSecret = secrets[path.length].clone();
        Map<Integer, byte[]> pathSecrets = new HashMap<>();
        for (int i = 0; i < path.length; i++) {
            pathSecrets.put(path[i], secrets[i].clone());
        }
        wipe(secrets);
        TreePrivateKeys keys;
        try (TreePrivateKeys leafOnly = TreePrivateKeys.forLeaf(leafIndex, leafKey)) {
            keys = leafOnly.with(nodeKeys);
        }
        return new Created(after, new UpdatePath(leaf, nodes), keys, context, commitSecret,
                Collections.unmodifiableMap(pathSecrets));
    }

    /**
     * Merges the UpdatePath of the member at {@code sender} into {@code tree} and decrypts it with
     * {@code receiver}'s keys (RFC 9420 sections 7.5 and 12.4.2): checks that the path has one node per entry of
     * the sender's filtered direct path, that none of its keys is already in the tree, that the new leaf's parent
     * hash matches the merged path (and, if {@code validator} is given, that the leaf is a valid commit leaf),
     * then decrypts the path secret of the lowest node above the receiver, derives the rest and checks every
     * derived public key against the path. The receiver's keys for nodes the path (or earlier proposals)
     * blanked or replaced are left out of the returned store.
     *
     * @param receiver    the receiver's keys in {@code tree} (not the sender's, not a leaf in {@code newLeaves})
     * @param provisional the new epoch's group context (its tree hash is replaced)
     * @param newLeaves   leaf indices added by the same commit
     * @param validator   validates the new leaf node, or {@code null} if the caller does so itself
     * @throws TreeValidationException if the path is malformed, inconsistent or cannot be decrypted
     */
    public static Processed applyUpdatePath(RatchetTree tree, int sender, UpdatePath path, TreePrivateKeys receiver,
                                            GroupContext provisional, BitSet newLeaves,
                                            LeafNodeValidator validator) {
        requireSuite(provisional);
        Objects.requireNonNull(path, "path");
        if (tree.leaf(sender).isEmpty()) {
            throw new TreeValidationException("the committer's leaf " + sender + " is blank");
        }
        int me = receiver.leafIndex();
        if (me == sender || newLeaves.get(me) || tree.leaf(me).isEmpty()) {
            throw new IllegalArgumentException("leaf " + me + " cannot process this path");
        }
        SuiteHash hash = SuiteHash.forSuite(provisional.cipherSuite());
        RatchetTree blanked = tree.blankDirectPath(sender);
        int[] filtered = blanked.filteredDirectPath(sender);
        int[] copath = blanked.filteredCopath(sender);
        if (path.nodes().size() != filtered.length) {
            throw new TreeValidationException("the path has " + path.nodes().size() + " nodes but the filtered "
                    + "direct path of leaf " + sender + " has " + filtered.length);
        }
        checkKeysAreNew(tree, path);
        if (validator != null) {
            validator.validate(path.leafNode(), LeafNodeValidator.Use.COMMIT, sender, tree);
        }

        RatchetTree withKeys = blanked;
        for (int i = 0; i < filtered.length; i++) {
            withKeys = withKeys.withNode(filtered[i], new Node.Parent(
                    new ParentNode(path.nodes().get(i).encryptionKey(), Bytes.EMPTY, List.of())));
        }
        RatchetTree.PathParentHashes hashes = withKeys.withPathParentHashes(hash, sender);
        if (!(path.leafNode().source() instanceof LeafNodeSource.FromCommit commit)
                || !commit.parentHash().equals(hashes.leafParentHash())) {
            throw new TreeValidationException("the committer's leaf does not carry the parent hash of its path");
        }
        RatchetTree after = hashes.tree().withLeaf(sender, path.leafNode());
        GroupContext context = withTreeHash(provisional, after.treeHash(hash));

        int myNode = TreeMath.leafToNode(me);
        int level = 0;
        while (level < copath.length && !TreeMath.isInSubtree(myNode, copath[level])) {
            level++;
        }
        if (level == copath.length) {
            throw new TreeValidationException("no node of the path covers leaf " + me);
        }
        List<Integer> resolution = after.resolution(copath[level], newLeaves);
        List<HpkeCiphertext> ciphertexts = path.nodes().get(level).encryptedPathSecret();
        if (ciphertexts.size() != resolution.size()) {
            throw new TreeValidationException("path node " + filtered[level] + " has " + ciphertexts.size()
                    + " ciphertexts for a resolution of " + resolution.size());
        }
        int slot = -1;
        for (int j = 0; j < resolution.size() && slot < 0; j++) {
            if (receiver.has(resolution.get(j))) {
                slot = j;
            }
        }
        if (slot < 0) {
            throw new TreeValidationException("leaf " + me + " holds no key of the resolution of node "
                    + copath[level]);
        }
        byte[] secret;
        try {
            secret = Hpke.decryptWithLabel(receiver.keyPair(resolution.get(slot)).orElseThrow(), LABEL,
                    context.toBytes(), ciphertexts.get(slot));
        } catch (MlsCryptoException e) {
            throw new TreeValidationException("the path secret for node " + filtered[level]
                    + " does not decrypt", e);
        }
        byte[] decrypted = secret.clone();
        Map<Integer, X25519KeyPair> learned = new HashMap<>();
        for (int i = level; i < filtered.length; i++) {
            X25519KeyPair pair = TreePrivateKeys.nodeKeyPair(secret);
            if (!pair.publicKey().equals(path.nodes().get(i).encryptionKey())) {
                Arrays.fill(secret, (byte) 0);
                Arrays.fill(decrypted, (byte) 0);
                throw new TreeValidationException("the key derived for node " + filtered[i]
                        + " differs from the path's");
            }
            learned.put(filtered[i], pair);
            byte[] next = Kdf.deriveSecret(secret, "path");
            Arrays.fill(secret, (byte) 0);
            secret = next;
        }
        TreePrivateKeys keys;
        try (TreePrivateKeys pruned = receiver.retainedFor(after)) {
            keys = pruned.with(learned);
        }
        return new Processed(after, keys, context, secret, filtered[level], decrypted);
    }

    /**
     * The keys a member added by a commit learns from the path secret in its Welcome (RFC 9420 section 12.4.3.1):
     * starting at the lowest node of the committer's filtered direct path above the joiner, each path secret gives
     * that node's key pair and the next node's secret, up to the root. Every derived public key must match
     * {@code tree} (the tree of the new epoch).
     *
     * @param tree       the new epoch's tree
     * @param committer  the committer's leaf index
     * @param joiner     the joiner's keys (its leaf key)
     * @param pathSecret the path secret from the Welcome's GroupSecrets
     * @throws TreeValidationException if a derived key does not match the tree
     */
    public static TreePrivateKeys keysFromPathSecret(RatchetTree tree, int committer, TreePrivateKeys joiner,
                                                     byte[] pathSecret) {
        int joinerNode = TreeMath.leafToNode(joiner.leafIndex());
        int[] filtered = tree.filteredDirectPath(committer);
        int start = 0;
        while (start < filtered.length && !TreeMath.isInSubtree(joinerNode, filtered[start])) {
            start++;
        }
        if (start == filtered.length) {
            throw new TreeValidationException("no node of leaf " + committer + "'s path is above leaf "
                    + joiner.leafIndex());
        }
        Map<Integer, X25519KeyPair> learned = new HashMap<>();
        byte[] secret = pathSecret.clone();
        try {
            for (int i = start; i < filtered.length; i++) {
                X25519KeyPair pair = TreePrivateKeys.nodeKeyPair(secret);
                Node node = tree.node(filtered[i]);
                if (node == null || !pair.publicKey().equals(node.encryptionKey())) {
                    throw new TreeValidationException("the key derived for node " + filtered[i]
                            + " from the Welcome's path secret differs from the tree's");
                }
                learned.put(filtered[i], pair);
                byte[] next = Kdf.deriveSecret(secret, "path");
                Arrays.fill(secret, (byte) 0);
                secret = next;
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return joiner.with(learned);
    }

    private static void checkKeysAreNew(RatchetTree tree, UpdatePath path) {
        Set<Bytes> inTree = new HashSet<>();
        for (int i = 0; i < tree.nodeCount(); i++) {
            if (tree.node(i) != null) {
                inTree.add(tree.node(i).encryptionKey());
            }
        }
        Set<Bytes> seen = new HashSet<>();
        List<Bytes> keys = new ArrayList<>();
        keys.add(path.leafNode().encryptionKey());
        path.nodes().forEach(node -> keys.add(node.encryptionKey()));
        for (Bytes key : keys) {
            if (inTree.contains(key) || !seen.add(key)) {
                throw new TreeValidationException("the path repeats a public key already in use: " + key);
            }
        }
    }

    private static GroupContext withTreeHash(GroupContext context, Bytes treeHash) {
        return new GroupContext(context.version(), context.cipherSuite(), context.groupId(), context.epoch(),
                treeHash, context.confirmedTranscriptHash(), context.extensions());
    }

    private static void requireSuite(GroupContext context) {
        if (context.cipherSuite() != CipherSuite.X25519_CHACHA20POLY1305_SHA256_ED25519) {
            throw new IllegalArgumentException("TreeKEM is implemented for cipher suite 3 only, not "
                    + CipherSuite.describe(context.cipherSuite()));
        }
    }

    private static void wipe(byte[][] secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
