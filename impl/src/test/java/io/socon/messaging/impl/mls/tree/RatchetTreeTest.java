package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding rules, storage round trips and refusals of tampered trees, on the suite 3 trees of the vectors. */
class RatchetTreeTest {

    private static final SuiteHash SHA256 = SuiteHash.forSuite(3);
    private static List<JsonObject> entries;

    @BeforeAll
    static void load() {
        entries = MlsTestVectors.loadSuite3("tree-validation.json");
    }

    private static RatchetTree tree(int entry) {
        return RatchetTree.decode(MlsTestVectors.hex(entries.get(entry), "tree"));
    }

    private static Bytes groupId(int entry) {
        return Bytes.copyOf(MlsTestVectors.hex(entries.get(entry), "group_id"));
    }

    @Test
    void stateBytesRestoreTheSameTreeIncludingTrailingBlanks() {
        for (int i = 0; i < entries.size(); i++) {
            RatchetTree tree = tree(i);
            byte[] state = tree.toStateBytes();
            assertThat(state[0]).isEqualTo((byte) RatchetTree.STATE_VERSION);
            RatchetTree restored = RatchetTree.fromStateBytes(state);
            assertThat(restored).isEqualTo(tree);
            assertThat(restored.leafCount()).isEqualTo(tree.leafCount());
            assertThat(restored.toStateBytes()).isEqualTo(state);
            assertThat(restored.treeHash(SHA256)).isEqualTo(tree.treeHash(SHA256));
        }
        byte[] state = tree(0).toStateBytes();
        state[0] = 9;
        assertThatThrownBy(() -> RatchetTree.fromStateBytes(state)).isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("version");
    }

    @Test
    void refusesATrailingBlankNodeAnEmptyTreeAndNodesInTheWrongPlace() {
        byte[] bytes = tree(0).toBytes();
        // one more element: a blank node (0x00) at the end, with the vector length grown by one
        List<Optional<Node>> nodes = nodesOf(tree(0));
        byte[] trailing = encode(nodes, true);
        assertThatThrownBy(() -> RatchetTree.decode(trailing)).isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("last node is blank");
        assertThatThrownBy(() -> RatchetTree.decode(new byte[] {0})).isInstanceOf(MlsDecodeException.class);

        List<Optional<Node>> swapped = new ArrayList<>(nodes);
        swapped.add(0, swapped.remove(1)); // a parent at position 0
        assertThatThrownBy(() -> RatchetTree.decode(encode(swapped, false)))
                .isInstanceOf(MlsDecodeException.class).hasMessageContaining("parent");
        assertThat(RatchetTree.decode(bytes).toBytes()).isEqualTo(bytes);
    }

    @Test
    void aChangedParentKeyBreaksParentHashes() {
        for (int i = 0; i < entries.size(); i++) {
            RatchetTree tree = tree(i);
            int p = firstParent(tree);
            if (p < 0) {
                continue;
            }
            ParentNode parent = tree.parent(p).orElseThrow();
            byte[] key = parent.encryptionKey().toByteArray();
            key[0] ^= 1;
            RatchetTree tampered = tree.withNode(p, new Node.Parent(
                    new ParentNode(Bytes.copyOf(key), parent.parentHash(), parent.unmergedLeaves())));
            assertThat(tampered.parentHashesValid(SHA256)).isFalse();
            Bytes group = groupId(i);
            assertThatThrownBy(() -> TreeValidator.forGroup(group, 3, List.of()).validate(tampered))
                    .isInstanceOf(TreeValidationException.class).hasMessageContaining("parent-hash valid");
            assertThat(tampered.treeHash(SHA256)).isNotEqualTo(tree.treeHash(SHA256));
        }
    }

    @Test
    void refusesABadSignatureAWrongGroupAndAWrongTreeHash() {
        RatchetTree tree = tree(0);
        Bytes group = groupId(0);
        TreeValidator validator = TreeValidator.forGroup(group, 3, List.of());
        validator.validate(tree, tree.treeHash(SHA256));
        assertThatThrownBy(() -> validator.validate(tree, Bytes.copyOf(new byte[32])))
                .isInstanceOf(TreeValidationException.class).hasMessageContaining("tree hash");

        int leafIndex = tree.occupiedLeaves().get(tree.occupiedLeaves().size() - 1);
        LeafNode leaf = tree.leaf(leafIndex).orElseThrow();
        byte[] signature = leaf.signature().toByteArray();
        signature[5] ^= 0x40;
        RatchetTree badSignature = tree.withLeaf(leafIndex, new LeafNode(leaf.tbs(), Bytes.copyOf(signature)));
        assertThatThrownBy(() -> TreeValidator.forGroup(group, 3, List.of()).validate(badSignature))
                .isInstanceOf(TreeValidationException.class);

        // commit leaves sign the group id, so the same tree is refused for another group
        boolean anyCommitLeaf = tree.occupiedLeaves().stream().anyMatch(
                l -> !(tree.leaf(l).orElseThrow().source()
                        instanceof LeafNodeSource.FromKeyPackage));
        if (anyCommitLeaf) {
            assertThatThrownBy(() -> TreeValidator.forGroup(Bytes.fromHex("00"), 3, List.of()).validate(tree))
                    .isInstanceOf(TreeValidationException.class).hasMessageContaining("signature");
        }
    }

    @Test
    void refusesALeafWhoseKeysAnotherMemberAlreadyUses() {
        int checked = 0;
        for (int i = 0; i < entries.size(); i++) {
            RatchetTree tree = tree(i);
            LeafNodeValidator leaves = LeafNodeValidator.forGroup(groupId(i), 3, List.of());
            for (int member : tree.occupiedLeaves()) {
                LeafNode leaf = tree.leaf(member).orElseThrow();
                if (!(leaf.source() instanceof LeafNodeSource.FromKeyPackage)) {
                    continue;
                }
                // valid where it is, refused as a new member elsewhere: its keys are taken
                leaves.validate(leaf, LeafNodeValidator.Use.TREE, member, tree);
                assertThatThrownBy(() -> leaves.validate(leaf, LeafNodeValidator.Use.KEY_PACKAGE,
                        tree.leafCount(), tree)).isInstanceOf(TreeValidationException.class)
                        .hasMessageContaining("already used by leaf " + member);
                // and a key package leaf cannot stand in for an update
                assertThatThrownBy(() -> leaves.validate(leaf, LeafNodeValidator.Use.UPDATE, member, tree))
                        .isInstanceOf(TreeValidationException.class).hasMessageContaining("source");
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void resolutionOfTheRfcExampleShape() {
        RatchetTree tree = tree(entries.size() - 1);
        for (int i = 0; i < tree.nodeCount(); i++) {
            List<Integer> resolution = tree.resolution(i);
            if (tree.node(i) != null) {
                assertThat(resolution.get(0)).isEqualTo(i);
            }
            for (int n : resolution) {
                assertThat(TreeMath.isInSubtree(n, i)).isTrue();
                assertThat(tree.node(n)).isNotNull();
            }
        }
        assertThat(HexFormat.of().formatHex(tree.treeHash(SHA256).toByteArray()))
                .isEqualTo(entries.get(entries.size() - 1).getAsJsonArray("tree_hashes")
                        .get(tree.root()).getAsString());
    }

    private static int firstParent(RatchetTree tree) {
        for (int p = 1; p < tree.nodeCount(); p += 2) {
            if (!tree.isBlank(p)) {
                return p;
            }
        }
        return -1;
    }

    private static List<Optional<Node>> nodesOf(RatchetTree tree) {
        List<Optional<Node>> nodes = new ArrayList<>();
        for (int i = 0; i < tree.nodeCount(); i++) {
            nodes.add(Optional.ofNullable(tree.node(i)));
        }
        while (nodes.get(nodes.size() - 1).isEmpty()) {
            nodes.remove(nodes.size() - 1);
        }
        return nodes;
    }

    private static byte[] encode(List<Optional<Node>> nodes, boolean trailingBlank) {
        List<Optional<Node>> all = new ArrayList<>(nodes);
        if (trailingBlank) {
            all.add(Optional.empty());
        }
        return new TlsWriter().writeList(all, (w, n) -> w.writeOptional(n, TlsWriter::write)).toByteArray();
    }
}
