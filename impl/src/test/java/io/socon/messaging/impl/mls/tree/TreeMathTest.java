package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tree math against tree-math.json (every entry) and the examples of RFC 9420. */
class TreeMathTest {

    @Test
    void treeMathVectors() {
        List<JsonObject> entries = MlsTestVectors.load("tree-math.json");
        assertThat(entries).hasSize(10);
        for (JsonObject entry : entries) {
            int n = entry.get("n_leaves").getAsInt();
            assertThat(TreeMath.nodeWidth(n)).isEqualTo(entry.get("n_nodes").getAsInt());
            assertThat(TreeMath.root(n)).isEqualTo(entry.get("root").getAsInt());
            int width = TreeMath.nodeWidth(n);
            JsonArray left = entry.getAsJsonArray("left");
            JsonArray right = entry.getAsJsonArray("right");
            JsonArray parent = entry.getAsJsonArray("parent");
            JsonArray sibling = entry.getAsJsonArray("sibling");
            assertThat(left.size()).isEqualTo(width);
            for (int x = 0; x < width; x++) {
                final int node = x;
                if (left.get(x).isJsonNull()) {
                    assertThat(TreeMath.isLeaf(x)).isTrue();
                    assertThatThrownBy(() -> TreeMath.left(node)).isInstanceOf(IllegalArgumentException.class);
                    assertThatThrownBy(() -> TreeMath.right(node)).isInstanceOf(IllegalArgumentException.class);
                } else {
                    assertThat(TreeMath.left(x)).as("left(%d)", x).isEqualTo(left.get(x).getAsInt());
                    assertThat(TreeMath.right(x)).as("right(%d)", x).isEqualTo(right.get(x).getAsInt());
                }
                if (parent.get(x).isJsonNull()) {
                    assertThat(x).isEqualTo(TreeMath.root(n));
                    assertThatThrownBy(() -> TreeMath.parent(node, n)).isInstanceOf(IllegalArgumentException.class);
                    assertThat(sibling.get(x).isJsonNull()).isTrue();
                } else {
                    assertThat(TreeMath.parent(x, n)).as("parent(%d, %d)", x, n).isEqualTo(parent.get(x).getAsInt());
                    assertThat(TreeMath.sibling(x, n)).as("sibling(%d, %d)", x, n)
                            .isEqualTo(sibling.get(x).getAsInt());
                }
                // the direct path is the chain of parents; the copath their siblings
                int[] path = TreeMath.directPath(x, n);
                int at = x;
                for (int i = 0; i < path.length; i++) {
                    JsonElement up = parent.get(at);
                    assertThat(path[i]).isEqualTo(up.getAsInt());
                    assertThat(TreeMath.copath(x, n)[i]).isEqualTo(sibling.get(at).getAsInt());
                    assertThat(TreeMath.isInSubtree(x, path[i])).isTrue();
                    at = path[i];
                }
                assertThat(at).isEqualTo(TreeMath.root(n));
            }
        }
    }

    @Test
    void rfcExampleOfEightLeaves() {
        assertThat(TreeMath.root(8)).isEqualTo(7);
        assertThat(TreeMath.directPath(0, 8)).containsExactly(1, 3, 7);
        assertThat(TreeMath.copath(0, 8)).containsExactly(2, 5, 11);
        assertThat(TreeMath.directPath(7, 8)).isEmpty();
        assertThat(TreeMath.level(7)).isEqualTo(3);
        assertThat(TreeMath.commonAncestor(0, 2)).isEqualTo(1);
        assertThat(TreeMath.commonAncestor(0, 8)).isEqualTo(7);
        assertThat(TreeMath.commonAncestor(4, 6)).isEqualTo(5);
        assertThat(TreeMath.commonAncestor(3, 4)).isEqualTo(3);
        assertThat(TreeMath.commonAncestor(12, 14)).isEqualTo(13);
        assertThat(TreeMath.commonAncestor(10, 13)).isEqualTo(11);
        assertThat(TreeMath.firstLeaf(11)).isEqualTo(4);
        assertThat(TreeMath.endLeaf(11)).isEqualTo(8);
        assertThat(TreeMath.leafCountForNodes(5)).isEqualTo(4);
        assertThat(TreeMath.leafCountForNodes(7)).isEqualTo(4);
        assertThat(TreeMath.leafCountForNodes(8)).isEqualTo(8);
    }

    @Test
    void refusesTreesThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> TreeMath.root(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TreeMath.parent(7, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
