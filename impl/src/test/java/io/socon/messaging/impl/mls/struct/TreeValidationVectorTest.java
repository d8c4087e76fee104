package io.socon.messaging.impl.mls.struct;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trees of tree-validation.json (cipher suite 3) were built by real MLS implementations, so their leaf
 * signatures are genuine: each must verify over our LeafNodeTBS, which for update and commit leaves includes
 * the group id and the leaf index. This checks our to-be-signed encodings, not just round trips.
 */
class TreeValidationVectorTest {

    @Test
    void everyLeafSignatureVerifiesOverOurLeafNodeTbs() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("tree-validation.json");
        assertThat(entries).isNotEmpty();
        int keyPackageLeaves = 0;
        int commitLeaves = 0;
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "tree");
            Bytes groupId = Bytes.copyOf(MlsTestVectors.hex(entry, "group_id"));
            RatchetTree tree = RatchetTree.decode(bytes);
            assertThat(tree.toBytes()).isEqualTo(bytes);

            for (int leafIndex : tree.occupiedLeaves()) {
                LeafNode node = tree.leaf(leafIndex).orElseThrow();
                boolean verifies = switch (node.source()) {
                    case LeafNodeSource.FromKeyPackage k -> {
                        keyPackageLeaves++;
                        yield node.signatureVerifies();
                    }
                    case LeafNodeSource.FromUpdate u -> node.signatureVerifies(groupId, leafIndex);
                    case LeafNodeSource.FromCommit c -> {
                        commitLeaves++;
                        yield node.signatureVerifies(groupId, leafIndex);
                    }
                };
                assertThat(verifies).as("leaf %d of tree %s", leafIndex, groupId).isTrue();
            }
        }
        assertThat(keyPackageLeaves).isPositive();
        assertThat(commitLeaves).isPositive();
    }
}
