package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.LeafNode;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validation of a whole ratchet tree as a client joining a group performs it (RFC 9420 section 12.4.3.1):
 * the tree hash against the group context, every non-blank parent parent-hash valid, every leaf valid for the
 * group, unmerged leaves that are sorted, non-blank, below their node and listed at every non-blank node in
 * between, and encryption keys (and signature keys of members) that appear only once in the tree.
 */
public final class TreeValidator {

    private final LeafNodeValidator leaves;
    private final SuiteHash hash;

    private TreeValidator(LeafNodeValidator leaves) {
        this.leaves = leaves;
        this.hash = SuiteHash.forSuite(leaves.cipherSuite());
    }

    /** A validator for group {@code groupId} of {@code cipherSuite} with these group context extensions. */
    public static TreeValidator forGroup(Bytes groupId, int cipherSuite, List<Extension> groupContextExtensions) {
        return new TreeValidator(LeafNodeValidator.forGroup(groupId, cipherSuite, groupContextExtensions));
    }

    /** This validator also checking leaf lifetimes at {@code time}. */
    public TreeValidator at(Instant time) {
        return new TreeValidator(leaves.at(time));
    }

    /**
     * Validates {@code tree} and checks that its hash is {@code expectedTreeHash} (the group context's).
     *
     * @throws TreeValidationException naming the first rule the tree breaks
     */
    public void validate(RatchetTree tree, Bytes expectedTreeHash) {
        Bytes actual = tree.treeHash(hash);
        if (!actual.equals(expectedTreeHash)) {
            throw new TreeValidationException("the tree hash " + actual.toHex()
                    + " differs from the group context's " + expectedTreeHash.toHex());
        }
        validate(tree);
    }

    /**
     * Validates {@code tree} without comparing its hash to anything.
     *
     * @throws TreeValidationException naming the first rule the tree breaks
     */
    public void validate(RatchetTree tree) {
        if (tree.occupiedLeaves().isEmpty()) {
            throw new TreeValidationException("the tree has no members");
        }
        OptionalInt badParent = tree.firstParentHashFailure(hash);
        if (badParent.isPresent()) {
            throw new TreeValidationException("parent node " + badParent.getAsInt() + " is not parent-hash valid");
        }
        Map<Bytes, Integer> encryptionKeys = new HashMap<>();
        Set<Bytes> signatureKeys = new HashSet<>();
        Set<Integer> credentialTypes = new HashSet<>();
        for (int leafIndex : tree.occupiedLeaves()) {
            LeafNode leaf = tree.leaf(leafIndex).orElseThrow();
            leaves.validateAlone(leaf, LeafNodeValidator.Use.TREE, leafIndex);
            if (!signatureKeys.add(leaf.signatureKey())) {
                throw new TreeValidationException("leaf " + leafIndex + ": signature key used by another leaf");
            }
            credentialTypes.add(leaf.credential().type());
            unique(encryptionKeys, leaf.encryptionKey(), 2 * leafIndex);
        }
        for (int leafIndex : tree.occupiedLeaves()) {
            LeafNode leaf = tree.leaf(leafIndex).orElseThrow();
            if (!leaf.capabilities().credentials().containsAll(credentialTypes)) {
                throw new TreeValidationException("leaf " + leafIndex
                        + " does not support every credential type used in the group");
            }
        }
        for (int p = 1; p < tree.nodeCount(); p += 2) {
            if (tree.node(p) instanceof Node.Parent parent) {
                unique(encryptionKeys, parent.parentNode().encryptionKey(), p);
                checkUnmergedLeaves(tree, p, parent.parentNode());
            }
        }
    }

    private static void unique(Map<Bytes, Integer> seen, Bytes key, int node) {
        Integer before = seen.putIfAbsent(key, node);
        if (before != null) {
            throw new TreeValidationException("nodes " + before + " and " + node + " share an encryption key");
        }
    }

    private static void checkUnmergedLeaves(RatchetTree tree, int p, ParentNode parent) {
        int previous = -1;
        for (int leaf : parent.unmergedLeaves()) {
            if (leaf <= previous) {
                throw new TreeValidationException("node " + p + ": unmerged leaves are not in increasing order");
            }
            previous = leaf;
            int leafNode = 2 * leaf;
            if (leafNode >= tree.nodeCount() || !TreeMath.isInSubtree(leafNode, p) || tree.isBlank(leafNode)) {
                throw new TreeValidationException("node " + p + ": unmerged leaf " + leaf
                        + " is blank or not below it");
            }
            for (int between : TreeMath.directPath(leafNode, tree.leafCount())) {
                if (between == p) {
                    break;
                }
                // binary search: a list that is not sorted fails its own check when its node is visited
                if (tree.node(between) instanceof Node.Parent mid
                        && Collections.binarySearch(mid.parentNode().unmergedLeaves(), leaf) < 0) {
                    throw new TreeValidationException("node " + between + " lies between unmerged leaf " + leaf
                            + " and node " + p + " but does not list it");
                }
            }
        }
    }
}
