package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.LeafNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The public ratchet tree of a group (RFC 9420 section 7) in the array representation of appendix C: node
 * {@code i} of {@link #nodeCount()} nodes, leaves at even indices, {@code null} for a blank node. The number of
 * leaves is always a power of two.
 *
 * <p>Immutable: every change ({@link #addLeaf}, {@link #updateLeaf}, {@link #removeLeaf}, {@link #withNode} ...)
 * returns a new tree and leaves this one as it was, so a tree can be shared between threads and a failed commit
 * simply drops the new tree. Tree hashes are computed once per tree and cipher suite and then cached.
 *
 * <p>The wire form is the {@code ratchet_tree} extension ({@code optional<Node> ratchet_tree<V>}, RFC 9420
 * section 12.4.3.3), without blank nodes after the last non-blank one; {@link #decode} refuses a tree whose last
 * node is blank, as the RFC requires, and a node of the wrong type for its position. {@link #toStateBytes}
 * gives a versioned form for storage that keeps every node, so a restored tree is identical.
 *
 * <p>This class holds no private keys; those live in {@link TreePrivateKeys}.
 */
public final class RatchetTree implements TlsEncodable {

    /** The version byte of {@link #toStateBytes()}. */
    public static final int STATE_VERSION = 1;

    private final Node[] nodes;
    private volatile HashCache hashCache;

    private RatchetTree(Node[] owned) {
        if (!TreeMath.isValidLeafCount((owned.length + 1) / 2) || owned.length % 2 == 0) {
            throw new IllegalArgumentException("a ratchet tree has 2^(d+1)-1 nodes, not " + owned.length);
        }
        for (int i = 0; i < owned.length; i++) {
            requireKind(i, owned[i]);
        }
        this.nodes = owned;
    }

    /** A tree with one leaf: the group's creator. */
    public static RatchetTree withSingleLeaf(LeafNode creator) {
        return new RatchetTree(new Node[] {new Node.Leaf(creator)});
    }

    /**
     * A tree from its nodes in array order, {@code null} for blank ones, extended to the right with blanks to the
     * next size of the form 2^(d+1)-1.
     *
     * @throws IllegalArgumentException if the list is empty or a node's type does not fit its position
     */
    public static RatchetTree fromNodes(List<? extends Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a ratchet tree has at least one node");
        }
        int leaves = TreeMath.leafCountForNodes(nodes.size());
        Node[] array = new Node[TreeMath.nodeWidth(leaves)];
        for (int i = 0; i < nodes.size(); i++) {
            array[i] = nodes.get(i);
        }
        return new RatchetTree(array);
    }

    /**
     * Decodes the content of a {@code ratchet_tree} extension.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed tree, the vector is empty or ends
     *                            in a blank node, or a leaf sits at a parent position or the other way round
     */
    public static RatchetTree decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "RatchetTree", RatchetTree::readFrom);
    }

    /** Reads one {@code optional<Node> ratchet_tree<V>}; see {@link #decode}. */
    public static RatchetTree readFrom(TlsReader in) {
        int start = in.position();
        TlsReader list = in.readVector("RatchetTree.nodes");
        List<Node> read = new ArrayList<>();
        while (list.hasRemaining()) {
            int at = list.position();
            int index = read.size();
            Node node = list.<Node>readOptional("RatchetTree.node", Node::readFrom).orElse(null);
            if (node != null && (node instanceof Node.Leaf) != TreeMath.isLeaf(index)) {
                throw new MlsDecodeException("RatchetTree.node", at, "node " + index + " is a "
                        + (TreeMath.isLeaf(index) ? "leaf position but holds a parent" : "parent position but holds a leaf"));
            }
            read.add(node);
        }
        if (read.isEmpty()) {
            throw new MlsDecodeException("RatchetTree.nodes", start, "a ratchet tree has at least one node");
        }
        if (read.get(read.size() - 1) == null) {
            throw new MlsDecodeException("RatchetTree.nodes", start,
                    "the last node is blank (trailing blank nodes must be left out)");
        }
        if (read.size() > TreeMath.nodeWidth(TreeMath.MAX_LEAVES)) {
            throw new MlsDecodeException("RatchetTree.nodes", start, "too many nodes: " + read.size());
        }
        return fromNodes(read);
    }

    /**
     * Restores a tree stored with {@link #toStateBytes()}.
     *
     * @throws MlsDecodeException if the bytes are malformed or of an unknown version
     */
    public static RatchetTree fromStateBytes(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "RatchetTreeState", in -> {
            int version = in.readUint8("RatchetTreeState.version");
            if (version != STATE_VERSION) {
                throw new MlsDecodeException("RatchetTreeState.version", 0, "unknown version " + version);
            }
            int at = in.position();
            long leaves = in.readUint32("RatchetTreeState.leaf_count");
            if (leaves > TreeMath.MAX_LEAVES || !TreeMath.isValidLeafCount((int) leaves)) {
                throw new MlsDecodeException("RatchetTreeState.leaf_count", at, "not a power of two: " + leaves);
            }
            List<Optional<Node>> read = in.readList("RatchetTreeState.nodes",
                    r -> r.readOptional("RatchetTreeState.node", Node::readFrom));
            if (read.size() != TreeMath.nodeWidth((int) leaves)) {
                throw new MlsDecodeException("RatchetTreeState.nodes", at,
                        read.size() + " nodes for " + leaves + " leaves");
            }
            Node[] array = new Node[read.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = read.get(i).orElse(null);
            }
            try {
                return new RatchetTree(array);
            } catch (IllegalArgumentException e) {
                throw new MlsDecodeException("RatchetTreeState.nodes", at, e.getMessage());
            }
        });
    }

    /**
     * The tree carried in a {@code ratchet_tree} extension among {@code extensions} (e.g. a GroupInfo's), if any.
     *
     * @throws MlsDecodeException if the extension's data is not a well-formed tree
     */
    public static Optional<RatchetTree> fromExtensions(List<Extension> extensions) {
        return Extension.find(extensions, ExtensionType.RATCHET_TREE).map(e -> decode(e.data().toByteArray()));
    }

    /** This tree as a {@code ratchet_tree} extension for a GroupInfo. */
    public Extension toExtension() {
        return new Extension(ExtensionType.RATCHET_TREE, Bytes.copyOf(toBytes()));
    }

    /** The versioned storage form: version, leaf count, then every node including trailing blanks. */
    public byte[] toStateBytes() {
        TlsWriter out = new TlsWriter();
        out.writeUint8(STATE_VERSION).writeUint32(leafCount());
        out.writeList(Arrays.asList(nodes), (w, node) -> w.writeOptional(Optional.ofNullable(node), TlsWriter::write));
        return out.toByteArray();
    }

    /** Writes the {@code ratchet_tree} form: nodes in array order up to the last non-blank one. */
    @Override
    public void writeTo(TlsWriter out) {
        int end = nodes.length;
        while (end > 0 && nodes[end - 1] == null) {
            end--;
        }
        List<Node> kept = Arrays.asList(nodes).subList(0, end);
        out.writeList(kept, (w, node) -> w.writeOptional(Optional.ofNullable(node), TlsWriter::write));
    }

    // ---------------------------------------------------------------- shape and content

    /** The number of leaves, a power of two. */
    public int leafCount() {
        return (nodes.length + 1) / 2;
    }

    /** The number of nodes, {@code 2 * leafCount() - 1}. */
    public int nodeCount() {
        return nodes.length;
    }

    /** The root's node index. */
    public int root() {
        return TreeMath.root(leafCount());
    }

    /** The node at {@code index}, or {@code null} if blank. */
    public Node node(int index) {
        Objects.checkIndex(index, nodes.length);
        return nodes[index];
    }

    /** Whether the node at {@code index} is blank. */
    public boolean isBlank(int index) {
        return node(index) == null;
    }

    /** The leaf node of leaf {@code leafIndex}, empty if blank or beyond the tree. */
    public Optional<LeafNode> leaf(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafCount()) {
            return Optional.empty();
        }
        return nodes[2 * leafIndex] instanceof Node.Leaf leaf ? Optional.of(leaf.leafNode()) : Optional.empty();
    }

    /** The parent node at node index {@code index}, empty if blank. */
    public Optional<ParentNode> parent(int index) {
        return node(index) instanceof Node.Parent parent ? Optional.of(parent.parentNode()) : Optional.empty();
    }

    /** The indices of the non-blank leaves, in increasing order. */
    public List<Integer> occupiedLeaves() {
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < leafCount(); i++) {
            if (nodes[2 * i] != null) {
                leaves.add(i);
            }
        }
        return leaves;
    }

    /** The number of non-blank leaves (members). */
    public int memberCount() {
        return occupiedLeaves().size();
    }

    /** The leaf index holding a leaf node equal to {@code leafNode}, if any. */
    public OptionalInt findLeaf(LeafNode leafNode) {
        for (int i = 0; i < leafCount(); i++) {
            if (nodes[2 * i] instanceof Node.Leaf leaf && leaf.leafNode().equals(leafNode)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    // ---------------------------------------------------------------- resolution and paths

    /**
     * The resolution of node {@code index} (RFC 9420 section 4.1.1 of the tree structure): the non-blank nodes
     * that together cover every non-blank node below it, as node indices, depth first, left first.
     */
    public List<Integer> resolution(int index) {
        return resolution(index, new BitSet());
    }

    /**
     * The resolution of node {@code index} as if the leaves in {@code excludedLeaves} (leaf indices) were blank:
     * what an UpdatePath encrypts to when those leaves were added in the same commit.
     */
    public List<Integer> resolution(int index, BitSet excludedLeaves) {
        Objects.checkIndex(index, nodes.length);
        List<Integer> out = new ArrayList<>();
        collectResolution(index, excludedLeaves, out);
        return out;
    }

    private void collectResolution(int index, BitSet excluded, List<Integer> out) {
        Node node = nodes[index];
        if (TreeMath.isLeaf(index)) {
            if (node != null && !excluded.get(TreeMath.nodeToLeaf(index))) {
                out.add(index);
            }
            return;
        }
        if (node instanceof Node.Parent parent) {
            out.add(index);
            for (int leaf : parent.parentNode().unmergedLeaves()) {
                if (!excluded.get(leaf)) {
                    out.add(TreeMath.leafToNode(leaf));
                }
            }
            return;
        }
        collectResolution(TreeMath.left(index), excluded, out);
        collectResolution(TreeMath.right(index), excluded, out);
    }

    /** The direct path of leaf {@code leafIndex} as node indices, from its parent up to the root. */
    public int[] directPath(int leafIndex) {
        return TreeMath.directPath(leafNodeIndex(leafIndex), leafCount());
    }

    /** The copath of leaf {@code leafIndex} as node indices. */
    public int[] copath(int leafIndex) {
        return TreeMath.copath(leafNodeIndex(leafIndex), leafCount());
    }

    /**
     * The filtered direct path of leaf {@code leafIndex} (RFC 9420 section 4.1.2): its direct path without the
     * nodes whose child on the copath has an empty resolution.
     */
    public int[] filteredDirectPath(int leafIndex) {
        int[] path = directPath(leafIndex);
        int[] copath = copath(leafIndex);
        int[] kept = new int[path.length];
        int count = 0;
        for (int i = 0; i < path.length; i++) {
            if (!resolution(copath[i]).isEmpty()) {
                kept[count++] = path[i];
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /**
     * For each node of the filtered direct path of {@code leafIndex}, its child on the copath (the node whose
     * resolution receives that node's path secret), in the same order.
     */
    public int[] filteredCopath(int leafIndex) {
        int[] path = directPath(leafIndex);
        int[] copath = copath(leafIndex);
        int[] kept = new int[path.length];
        int count = 0;
        for (int i = 0; i < path.length; i++) {
            if (!resolution(copath[i]).isEmpty()) {
                kept[count++] = copath[i];
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private int leafNodeIndex(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafCount()) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is outside a tree of " + leafCount()
                    + " leaves");
        }
        return 2 * leafIndex;
    }

    // ---------------------------------------------------------------- hashes

    /** The tree hash of the whole tree (the root's), for the group context. */
    public Bytes treeHash(SuiteHash hash) {
        return treeHash(hash, root());
    }

    /** The tree hash of node {@code index} (RFC 9420 section 7.8). */
    public Bytes treeHash(SuiteHash hash, int index) {
        Objects.checkIndex(index, nodes.length);
        return hashes(hash)[index];
    }

    private Bytes[] hashes(SuiteHash hash) {
        HashCache cache = hashCache;
        if (cache == null || cache.suite != hash.cipherSuite()) {
            Bytes[] computed = new Bytes[nodes.length];
            computeHashes(hash, root(), computed);
            cache = new HashCache(hash.cipherSuite(), computed);
            hashCache = cache;
        }
        return cache.hashes;
    }

    private Bytes computeHashes(SuiteHash hash, int index, Bytes[] out) {
        Bytes value;
        if (TreeMath.isLeaf(index)) {
            value = leafHash(hash, index, nodes[index]);
        } else {
            Bytes left = computeHashes(hash, TreeMath.left(index), out);
            Bytes right = computeHashes(hash, TreeMath.right(index), out);
            value = parentHashInput(hash, nodes[index] instanceof Node.Parent p ? p.parentNode() : null, left, right);
        }
        out[index] = value;
        return value;
    }

    private static Bytes leafHash(SuiteHash hash, int index, Node node) {
        TlsWriter in = new TlsWriter();
        in.writeUint8(Node.LEAF).writeUint32(TreeMath.nodeToLeaf(index));
        in.writeOptional(Optional.ofNullable(node instanceof Node.Leaf leaf ? leaf.leafNode() : null),
                TlsWriter::write);
        return Bytes.copyOf(hash.digest(in.toByteArray()));
    }

    private static Bytes parentHashInput(SuiteHash hash, ParentNode node, Bytes left, Bytes right) {
        TlsWriter in = new TlsWriter();
        in.writeUint8(Node.PARENT).writeOptional(Optional.ofNullable(node), TlsWriter::write)
                .writeOpaque(left).writeOpaque(right);
        return Bytes.copyOf(hash.digest(in.toByteArray()));
    }

    /**
     * The tree hash of node {@code index} in this tree changed so that the leaves in {@code removedLeaves} are
     * blank and missing from every unmerged list (the "original sibling tree hash" of RFC 9420 section 7.9).
     */
    public Bytes treeHashWithout(SuiteHash hash, int index, BitSet removedLeaves) {
        Objects.checkIndex(index, nodes.length);
        int first = TreeMath.firstLeaf(index);
        int end = Math.min(TreeMath.endLeaf(index), leafCount());
        int next = removedLeaves.nextSetBit(first);
        if (next < 0 || next >= end) {
            return treeHash(hash, index);
        }
        if (TreeMath.isLeaf(index)) {
            return leafHash(hash, index, null);
        }
        ParentNode parent = nodes[index] instanceof Node.Parent p
                ? p.parentNode().withoutUnmerged(removedLeaves::get)
                : null;
        return parentHashInput(hash, parent, treeHashWithout(hash, TreeMath.left(index), removedLeaves),
                treeHashWithout(hash, TreeMath.right(index), removedLeaves));
    }

    /**
     * The parent hash of parent node {@code parentIndex} with copath child {@code siblingIndex} (RFC 9420 section
     * 7.9): the hash of its key, its own parent hash and the original tree hash of the sibling, i.e. without the
     * parent's unmerged leaves.
     *
     * @throws IllegalArgumentException if the parent is blank or the sibling is not its child
     */
    public Bytes parentHash(SuiteHash hash, int parentIndex, int siblingIndex) {
        ParentNode parent = parent(parentIndex).orElseThrow(
                () -> new IllegalArgumentException("node " + parentIndex + " is blank"));
        if (TreeMath.isLeaf(parentIndex) || (TreeMath.left(parentIndex) != siblingIndex
                && TreeMath.right(parentIndex) != siblingIndex)) {
            throw new IllegalArgumentException(siblingIndex + " is not a child of " + parentIndex);
        }
        BitSet unmerged = new BitSet();
        parent.unmergedLeaves().forEach(unmerged::set);
        Bytes siblingHash = treeHashWithout(hash, siblingIndex, unmerged);
        return parentHashOf(hash, parent.encryptionKey(), parent.parentHash(), siblingHash);
    }

    static Bytes parentHashOf(SuiteHash hash, Bytes encryptionKey, Bytes parentHash, Bytes siblingTreeHash) {
        byte[] input = new TlsWriter().writeOpaque(encryptionKey).writeOpaque(parentHash)
                .writeOpaque(siblingTreeHash).toByteArray();
        return Bytes.copyOf(hash.digest(input));
    }

    /**
     * Sets the parent hashes along the filtered direct path of {@code leafIndex}, from the root down, as a
     * committer does after putting fresh keys on its path (RFC 9420 section 7.9). The nodes of the filtered direct
     * path must be non-blank. Returns the new tree and the parent hash the committer's leaf must carry.
     */
    public PathParentHashes withPathParentHashes(SuiteHash hash, int leafIndex) {
        int[] path = filteredDirectPath(leafIndex);
        int[] siblings = new int[path.length];
        int[] direct = directPath(leafIndex);
        int[] copath = copath(leafIndex);
        for (int i = 0, j = 0; i < direct.length; i++) {
            if (j < path.length && direct[i] == path[j]) {
                siblings[j++] = copath[i];
            }
        }
        Node[] copy = nodes.clone();
        Bytes above = Bytes.EMPTY;
        for (int i = path.length - 1; i >= 0; i--) {
            ParentNode parent = parentAt(copy, path[i]).withParentHash(above);
            copy[path[i]] = new Node.Parent(parent);
            // the sibling subtree is off the path, so its hash in this tree is the hash in the new tree
            above = parentHashOf(hash, parent.encryptionKey(), above, treeHash(hash, siblings[i]));
        }
        return new PathParentHashes(new RatchetTree(copy), above);
    }

    /**
     * A tree after {@link #withPathParentHashes} and the parent hash for the leaf.
     *
     * @param tree           the tree with the new parent hashes
     * @param leafParentHash the parent hash the committer's leaf node must carry (empty if its filtered direct
     *                       path is empty)
     */
    public record PathParentHashes(RatchetTree tree, Bytes leafParentHash) {
    }

    private static ParentNode parentAt(Node[] array, int index) {
        if (array[index] instanceof Node.Parent parent) {
            return parent.parentNode();
        }
        throw new IllegalStateException("node " + index + " on the filtered direct path is blank");
    }

    /**
     * The parent hash stored in a non-blank node: the field of a parent node, or that of a leaf set by a commit.
     * Empty for blank nodes and for leaves from key packages or updates, which carry none.
     */
    public Optional<Bytes> storedParentHash(int index) {
        return switch (node(index)) {
            case null -> Optional.empty();
            case Node.Parent parent -> Optional.of(parent.parentNode().parentHash());
            case Node.Leaf leaf -> leaf.leafNode().source()
                    instanceof io.socon.messaging.impl.mls.struct.LeafNodeSource.FromCommit commit
                    ? Optional.of(commit.parentHash()) : Optional.empty();
        };
    }

    /**
     * Whether every non-blank parent node is parent-hash valid (RFC 9420 section 7.9.2), checked top down: each
     * non-blank parent must have exactly one descendant whose parent hash is valid with respect to it.
     */
    public boolean parentHashesValid(SuiteHash hash) {
        return firstParentHashFailure(hash).isEmpty();
    }

    /** The first non-blank parent node that is not parent-hash valid, if any; see {@link #parentHashesValid}. */
    public OptionalInt firstParentHashFailure(SuiteHash hash) {
        for (int p = 1; p < nodes.length; p += 2) {
            if (!(nodes[p] instanceof Node.Parent parent)) {
                continue;
            }
            int valid = 0;
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? TreeMath.left(p) : TreeMath.right(p);
                int sibling = side == 0 ? TreeMath.right(p) : TreeMath.left(p);
                Bytes expected = parentHash(hash, p, sibling);
                List<Integer> resolution = resolution(child);
                List<Integer> unmergedBelow = new ArrayList<>();
                for (int leaf : parent.parentNode().unmergedLeaves()) {
                    int leafNode = TreeMath.leafToNode(leaf);
                    if (leafNode < nodes.length && TreeMath.isInSubtree(leafNode, child)) {
                        unmergedBelow.add(leafNode);
                    }
                }
                for (int d : resolution) {
                    if (!storedParentHash(d).map(expected::equals).orElse(false)) {
                        continue;
                    }
                    List<Integer> rest = new ArrayList<>(resolution);
                    rest.remove(Integer.valueOf(d));
                    if (sameSet(rest, unmergedBelow)) {
                        valid++;
                    }
                }
            }
            if (valid != 1) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean sameSet(List<Integer> a, List<Integer> b) {
        return a.size() == b.size() && a.stream().sorted().toList().equals(b.stream().sorted().toList());
    }

    // ---------------------------------------------------------------- evolution

    /** This tree with node {@code index} replaced ({@code null} blanks it). */
    public RatchetTree withNode(int index, Node node) {
        Objects.checkIndex(index, nodes.length);
        Node[] copy = nodes.clone();
        copy[index] = node;
        return new RatchetTree(copy);
    }

    /** This tree with the leaf {@code leafIndex} set to {@code leafNode}, nothing else changed. */
    public RatchetTree withLeaf(int leafIndex, LeafNode leafNode) {
        return withNode(leafNodeIndex(leafIndex), new Node.Leaf(leafNode));
    }

    /** This tree with every node on the direct path of {@code leafIndex} blank. */
    public RatchetTree blankDirectPath(int leafIndex) {
        Node[] copy = nodes.clone();
        for (int p : directPath(leafIndex)) {
            copy[p] = null;
        }
        return new RatchetTree(copy);
    }

    /**
     * Adds a member (RFC 9420 section 12.1.1): the leftmost blank leaf, or the first new leaf after doubling the
     * tree if none is blank; the new leaf becomes unmerged at every non-blank node above it.
     */
    public Added addLeaf(LeafNode leafNode) {
        Objects.requireNonNull(leafNode, "leafNode");
        int leaf = -1;
        for (int i = 0; i < leafCount(); i++) {
            if (nodes[2 * i] == null) {
                leaf = i;
                break;
            }
        }
        Node[] copy;
        if (leaf < 0) {
            if (leafCount() == TreeMath.MAX_LEAVES) {
                throw new IllegalStateException("the tree cannot grow beyond " + TreeMath.MAX_LEAVES + " leaves");
            }
            leaf = leafCount();
            copy = Arrays.copyOf(nodes, TreeMath.nodeWidth(leafCount() * 2));
        } else {
            copy = nodes.clone();
        }
        int width = (copy.length + 1) / 2;
        for (int p : TreeMath.directPath(2 * leaf, width)) {
            if (copy[p] instanceof Node.Parent parent) {
                copy[p] = new Node.Parent(parent.parentNode().withUnmergedLeaf(leaf));
            }
        }
        copy[2 * leaf] = new Node.Leaf(leafNode);
        return new Added(new RatchetTree(copy), leaf);
    }

    /**
     * The tree after an Add and where the new member went.
     *
     * @param tree      the new tree
     * @param leafIndex the new member's leaf index
     */
    public record Added(RatchetTree tree, int leafIndex) {
    }

    /**
     * Applies an Update (RFC 9420 section 12.1.2): replaces the sender's leaf and blanks its direct path.
     *
     * @throws TreeValidationException if the sender's leaf is blank
     */
    public RatchetTree updateLeaf(int leafIndex, LeafNode leafNode) {
        requireMember(leafIndex);
        return withLeaf(leafIndex, leafNode).blankDirectPath(leafIndex);
    }

    /**
     * Applies a Remove (RFC 9420 section 12.1.3): blanks the leaf and its direct path, then truncates.
     *
     * @throws TreeValidationException if the leaf is blank or outside the tree
     */
    public RatchetTree removeLeaf(int leafIndex) {
        requireMember(leafIndex);
        return withNode(2 * leafIndex, null).blankDirectPath(leafIndex).truncate();
    }

    /**
     * Halves the tree while its right half holds no non-blank leaf, so that the rightmost non-blank leaf ends up
     * in the right half (a tree whose leaves are all blank keeps one leaf).
     */
    public RatchetTree truncate() {
        int leaves = leafCount();
        int last = -1;
        for (int i = leaves - 1; i >= 0; i--) {
            if (nodes[2 * i] != null) {
                last = i;
                break;
            }
        }
        int keep = leaves;
        while (keep > 1 && last < keep / 2) {
            keep /= 2;
        }
        return keep == leaves ? this : new RatchetTree(Arrays.copyOf(nodes, TreeMath.nodeWidth(keep)));
    }

    private void requireMember(int leafIndex) {
        if (leaf(leafIndex).isEmpty()) {
            throw new TreeValidationException("leaf " + leafIndex + " is blank or outside the tree");
        }
    }

    // ---------------------------------------------------------------- object

    @Override
    public boolean equals(Object o) {
        return o instanceof RatchetTree other && Arrays.equals(nodes, other.nodes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return "RatchetTree[" + leafCount() + " leaves, " + memberCount() + " members]";
    }

    private static void requireKind(int index, Node node) {
        if (node != null && (node instanceof Node.Leaf) != TreeMath.isLeaf(index)) {
            throw new IllegalArgumentException("node " + index + " has the wrong type for its position");
        }
    }

    private record HashCache(int suite, Bytes[] hashes) {
    }
}
