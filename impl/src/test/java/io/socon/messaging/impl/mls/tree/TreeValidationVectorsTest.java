package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tree-validation.json: for every entry (all seven cipher suites, since resolutions and hashes need only the
 * suite's hash), the tree round-trips byte for byte, each node's resolution and tree hash match, and the tree
 * is parent-hash valid. Suite 3 entries additionally pass full {@link TreeValidator} validation.
 */
class TreeValidationVectorsTest {

    @Test
    void resolutionsTreeHashesAndParentHashes() {
        List<JsonObject> entries = MlsTestVectors.load("tree-validation.json");
        assertThat(entries).hasSize(98);
        for (JsonObject entry : entries) {
            int suite = entry.get("cipher_suite").getAsInt();
            byte[] bytes = MlsTestVectors.hex(entry, "tree");
            RatchetTree tree = RatchetTree.decode(bytes);
            assertThat(tree.toBytes()).isEqualTo(bytes);
            SuiteHash hash = SuiteHash.forSuite(suite);

            JsonArray resolutions = entry.getAsJsonArray("resolutions");
            JsonArray treeHashes = entry.getAsJsonArray("tree_hashes");
            assertThat(resolutions.size()).isEqualTo(tree.nodeCount());
            for (int i = 0; i < tree.nodeCount(); i++) {
                List<Integer> expected = new ArrayList<>();
                for (JsonElement e : resolutions.get(i).getAsJsonArray()) {
                    expected.add(e.getAsInt());
                }
                assertThat(tree.resolution(i)).as("resolution of %d", i).isEqualTo(expected);
                assertThat(tree.treeHash(hash, i)).as("tree hash of %d (suite %d)", i, suite)
                        .isEqualTo(Bytes.fromHex(treeHashes.get(i).getAsString()));
            }
            assertThat(tree.firstParentHashFailure(hash)).as("suite %d tree %s", suite, tree).isEmpty();
        }
    }

    @Test
    void suite3TreesAreValidForTheirGroup() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("tree-validation.json");
        assertThat(entries).hasSize(14);
        for (JsonObject entry : entries) {
            RatchetTree tree = RatchetTree.decode(MlsTestVectors.hex(entry, "tree"));
            Bytes groupId = Bytes.copyOf(MlsTestVectors.hex(entry, "group_id"));
            TreeValidator.forGroup(groupId, 3, List.of()).validate(tree);
        }
    }
}
