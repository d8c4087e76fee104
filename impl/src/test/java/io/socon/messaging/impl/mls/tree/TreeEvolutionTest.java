package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adds, updates and removes on small trees built by hand (signatures play no part in tree evolution). */
class TreeEvolutionTest {

    static LeafNode leaf(int id) {
        return leaf(id, new LeafNodeSource.FromKeyPackage(new Lifetime(0, Long.MAX_VALUE)));
    }

    static LeafNode leaf(int id, LeafNodeSource source) {
        Bytes key = Bytes.copyOf(new byte[] {(byte) id, 1});
        LeafNodeTbs tbs = new LeafNodeTbs(key, Bytes.copyOf(new byte[] {(byte) id, 2}),
                new Credential.Basic(Bytes.copyOf(new byte[] {(byte) id})),
                new Capabilities(List.of(1), List.of(3), List.of(), List.of(), List.of(CredentialType.BASIC)),
                source, List.of());
        return new LeafNode(tbs, Bytes.fromHex("00"));
    }

    static ParentNode parent(int id, Integer... unmerged) {
        return new ParentNode(Bytes.copyOf(new byte[] {(byte) id, 3}), Bytes.EMPTY, List.of(unmerged));
    }

    @Test
    void addsFillTheLeftmostBlankLeafThenDoubleTheTree() {
        RatchetTree tree = RatchetTree.withSingleLeaf(leaf(0));
        RatchetTree.Added second = tree.addLeaf(leaf(1));
        assertThat(second.leafIndex()).isEqualTo(1);
        assertThat(second.tree().leafCount()).isEqualTo(2);
        RatchetTree.Added third = second.tree().addLeaf(leaf(2));
        assertThat(third.leafIndex()).isEqualTo(2);
        assertThat(third.tree().leafCount()).isEqualTo(4);
        assertThat(third.tree().nodeCount()).isEqualTo(7);
        assertThat(tree.leafCount()).isEqualTo(1); // unchanged

        // a blank leaf in the middle is taken first
        RatchetTree withHole = third.tree().addLeaf(leaf(3)).tree().removeLeaf(1);
        assertThat(withHole.leaf(1)).isEmpty();
        assertThat(withHole.addLeaf(leaf(4)).leafIndex()).isEqualTo(1);
    }

    @Test
    void anAddIsUnmergedAtEveryNonBlankParentAbove() {
        RatchetTree tree = RatchetTree.fromNodes(java.util.Arrays.asList(
                new Node.Leaf(leaf(0)), new Node.Parent(parent(9)), new Node.Leaf(leaf(1)),
                new Node.Parent(parent(8)), null, null, null));
        RatchetTree.Added added = tree.addLeaf(leaf(2));
        assertThat(added.leafIndex()).isEqualTo(2);
        assertThat(added.tree().parent(3).orElseThrow().unmergedLeaves()).containsExactly(2);
        assertThat(added.tree().parent(1).orElseThrow().unmergedLeaves()).isEmpty();
        assertThat(added.tree().resolution(3)).containsExactly(3, 4);
        assertThat(added.tree().resolution(5)).containsExactly(4);
        RatchetTree.Added fourth = added.tree().addLeaf(leaf(3));
        assertThat(fourth.tree().parent(3).orElseThrow().unmergedLeaves()).containsExactly(2, 3);
    }

    @Test
    void removeBlanksThePathAndTruncates() {
        RatchetTree tree = RatchetTree.fromNodes(java.util.Arrays.asList(
                new Node.Leaf(leaf(0)), new Node.Parent(parent(9)), new Node.Leaf(leaf(1)),
                new Node.Parent(parent(8)), new Node.Leaf(leaf(2)), null, null));
        RatchetTree removed = tree.removeLeaf(2);
        assertThat(removed.leafCount()).isEqualTo(2);
        assertThat(removed.parent(1)).isPresent(); // not on the removed leaf's path
        RatchetTree alone = removed.removeLeaf(1);
        assertThat(alone.leafCount()).isEqualTo(1);
        assertThat(alone.nodeCount()).isEqualTo(1);

        RatchetTree middle = tree.removeLeaf(1);
        assertThat(middle.leafCount()).isEqualTo(4);
        assertThat(middle.isBlank(1)).isTrue();
        assertThat(middle.isBlank(3)).isTrue();
        assertThatThrownBy(() -> middle.removeLeaf(1)).isInstanceOf(TreeValidationException.class);
        assertThatThrownBy(() -> middle.removeLeaf(9)).isInstanceOf(TreeValidationException.class);
    }

    @Test
    void updateReplacesTheLeafAndBlanksItsPath() {
        RatchetTree tree = RatchetTree.fromNodes(java.util.Arrays.asList(
                new Node.Leaf(leaf(0)), new Node.Parent(parent(9)), new Node.Leaf(leaf(1)),
                new Node.Parent(parent(8)), new Node.Leaf(leaf(2)), new Node.Parent(parent(7)),
                new Node.Leaf(leaf(3))));
        LeafNode fresh = leaf(40, new LeafNodeSource.FromUpdate());
        RatchetTree updated = TreeEvolution.apply(tree, new Proposal.Update(fresh), 2);
        assertThat(updated.leaf(2)).contains(fresh);
        assertThat(updated.isBlank(5)).isTrue();
        assertThat(updated.isBlank(3)).isTrue();
        assertThat(updated.isBlank(1)).isFalse();
        assertThat(tree.isBlank(5)).isFalse();
    }

    @Test
    void aCommitAppliesUpdatesThenRemovesThenAddsInOrder() {
        RatchetTree tree = RatchetTree.withSingleLeaf(leaf(0)).addLeaf(leaf(1)).tree().addLeaf(leaf(2)).tree();
        KeyPackage kpA = keyPackage(leaf(10));
        KeyPackage kpB = keyPackage(leaf(11));
        TreeEvolution.Applied applied = TreeEvolution.applyAll(tree, List.of(
                new TreeEvolution.Sent(new Proposal.Add(kpA), 0),
                new TreeEvolution.Sent(new Proposal.Remove(1), 0),
                new TreeEvolution.Sent(new Proposal.Add(kpB), 0),
                new TreeEvolution.Sent(new Proposal.Update(leaf(20, new LeafNodeSource.FromUpdate())), 2)));
        // the remove ran before the adds, so the first add takes leaf 1 and the second leaf 3
        assertThat(applied.addedLeaves()).containsExactly(1, 3);
        assertThat(applied.tree().leaf(1)).contains(kpA.leafNode());
        assertThat(applied.tree().leaf(3)).contains(kpB.leafNode());
        assertThat(applied.tree().leaf(2).orElseThrow().encryptionKey()).isEqualTo(leaf(20).encryptionKey());
    }

    private static KeyPackage keyPackage(LeafNode leaf) {
        return new KeyPackage(new KeyPackageTbs(1, 3, Bytes.fromHex("01"), leaf, List.of()), Bytes.fromHex("00"));
    }
}
