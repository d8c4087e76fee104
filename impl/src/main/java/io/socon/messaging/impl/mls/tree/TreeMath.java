package io.socon.messaging.impl.mls.tree;

/**
 * Index arithmetic for the array representation of a ratchet tree (RFC 9420 appendix C).
 *
 * <p>Nodes are numbered left to right in an in-order walk: leaf {@code L} sits at node {@code 2L}, parents at odd
 * indices, and the root of a tree of {@code 2^d} leaves at {@code 2^d - 1}. The level of a node is the number of
 * trailing one bits of its index (leaves are level 0). RFC 9420 trees always have a power-of-two number of
 * leaves; the functions here take the leaf count {@code n} where the answer depends on it and require it to be a
 * power of two.
 *
 * <p>Indices are {@code int}: a tree of 2^30 leaves would already need more memory than a JVM can give, so the
 * uint32 range of the wire format is never reached in practice. Callers that read indices from the wire check
 * them against the tree's size first.
 */
public final class TreeMath {

    /** The largest number of leaves a tree may have here (2^30). */
    public static final int MAX_LEAVES = 1 << 30;

    private TreeMath() {
    }

    /** Whether {@code n} is a leaf count RFC 9420 allows: a power of two from 1 to {@link #MAX_LEAVES}. */
    public static boolean isValidLeafCount(int n) {
        return n > 0 && n <= MAX_LEAVES && Integer.bitCount(n) == 1;
    }

    /** The number of nodes of a tree with {@code n} leaves: {@code 2n - 1} (0 for no leaves). */
    public static int nodeWidth(int n) {
        if (n < 0 || n > MAX_LEAVES) {
            throw new IllegalArgumentException("leaf count out of range: " + n);
        }
        return n == 0 ? 0 : 2 * (n - 1) + 1;
    }

    /** The smallest power-of-two leaf count whose node array holds at least {@code nodes} nodes. */
    public static int leafCountForNodes(int nodes) {
        if (nodes <= 0) {
            throw new IllegalArgumentException("a tree has at least one node: " + nodes);
        }
        int leaves = 1;
        while (nodeWidth(leaves) < nodes) {
            if (leaves == MAX_LEAVES) {
                throw new IllegalArgumentException("too many nodes for a ratchet tree: " + nodes);
            }
            leaves <<= 1;
        }
        return leaves;
    }

    /** The level of node {@code x}: 0 for leaves, one more than its children's level for a parent. */
    public static int level(int x) {
        requireNode(x);
        return Integer.numberOfTrailingZeros(~x);
    }

    /** Whether node {@code x} is a leaf (even index). */
    public static boolean isLeaf(int x) {
        requireNode(x);
        return (x & 1) == 0;
    }

    /** The node index of leaf {@code leafIndex}. */
    public static int leafToNode(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= MAX_LEAVES) {
            throw new IllegalArgumentException("leaf index out of range: " + leafIndex);
        }
        return leafIndex * 2;
    }

    /** The leaf index of leaf node {@code x}. */
    public static int nodeToLeaf(int x) {
        if (!isLeaf(x)) {
            throw new IllegalArgumentException("node " + x + " is not a leaf");
        }
        return x >>> 1;
    }

    /** The root of a tree with {@code n} leaves. */
    public static int root(int n) {
        requireLeafCount(n);
        return n - 1; // for a power of two, the highest power of two below the width, minus one
    }

    /** The left child of parent node {@code x}. */
    public static int left(int x) {
        int k = level(x);
        if (k == 0) {
            throw new IllegalArgumentException("leaf node " + x + " has no children");
        }
        return x ^ (1 << (k - 1));
    }

    /** The right child of parent node {@code x}. */
    public static int right(int x) {
        int k = level(x);
        if (k == 0) {
            throw new IllegalArgumentException("leaf node " + x + " has no children");
        }
        return x ^ (3 << (k - 1));
    }

    /** The parent of node {@code x} in a tree with {@code n} leaves. */
    public static int parent(int x, int n) {
        requireInTree(x, n);
        if (x == root(n)) {
            throw new IllegalArgumentException("the root " + x + " has no parent");
        }
        int k = level(x);
        int onRight = (x >>> (k + 1)) & 1;
        return (x | (1 << k)) ^ (onRight << (k + 1));
    }

    /** The other child of the parent of node {@code x}. */
    public static int sibling(int x, int n) {
        int p = parent(x, n);
        return x < p ? right(p) : left(p);
    }

    /** The direct path of node {@code x}: its ancestors from its parent up to the root. */
    public static int[] directPath(int x, int n) {
        requireInTree(x, n);
        int r = root(n);
        int[] path = new int[level(r) - level(x)];
        int at = x;
        for (int i = 0; i < path.length; i++) {
            at = parent(at, n);
            path[i] = at;
        }
        return path;
    }

    /** The copath of node {@code x}: the sibling of {@code x} and of every node on its direct path but the root. */
    public static int[] copath(int x, int n) {
        int[] path = directPath(x, n);
        int[] copath = new int[path.length];
        int at = x;
        for (int i = 0; i < path.length; i++) {
            copath[i] = sibling(at, n);
            at = path[i];
        }
        return copath;
    }

    /** The lowest node that is {@code x} or {@code y} or an ancestor of both. */
    public static int commonAncestor(int x, int y) {
        requireNode(x);
        requireNode(y);
        int lx = level(x);
        int ly = level(y);
        if (lx <= ly && isInSubtree(x, y)) {
            return y;
        }
        if (ly <= lx && isInSubtree(y, x)) {
            return x;
        }
        int xn = x;
        int yn = y;
        int k = 0;
        while (xn != yn) {
            xn >>>= 1;
            yn >>>= 1;
            k++;
        }
        return (xn << k) + (1 << (k - 1)) - 1;
    }

    /** Whether node {@code x} is {@code ancestor} or lies in its subtree. */
    public static boolean isInSubtree(int x, int ancestor) {
        requireNode(x);
        int k = level(ancestor);
        int span = (1 << k) - 1;
        return x >= ancestor - span && x <= ancestor + span;
    }

    /** The first leaf index under node {@code x}. */
    public static int firstLeaf(int x) {
        int k = level(x);
        return (x - ((1 << k) - 1)) >>> 1;
    }

    /** One past the last leaf index under node {@code x}. */
    public static int endLeaf(int x) {
        return firstLeaf(x) + (1 << level(x));
    }

    private static void requireNode(int x) {
        if (x < 0 || x > 2 * (MAX_LEAVES - 1)) {
            throw new IllegalArgumentException("node index out of range: " + x);
        }
    }

    private static void requireLeafCount(int n) {
        if (!isValidLeafCount(n)) {
            throw new IllegalArgumentException("a ratchet tree has a power-of-two number of leaves, not " + n);
        }
    }

    private static void requireInTree(int x, int n) {
        requireLeafCount(n);
        if (x < 0 || x >= nodeWidth(n)) {
            throw new IllegalArgumentException("node " + x + " is outside a tree of " + n + " leaves");
        }
    }
}
