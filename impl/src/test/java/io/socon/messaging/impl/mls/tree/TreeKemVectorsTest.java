package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.UpdatePath;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * treekem.json, cipher suite 3 (11 entries): each member's private state is consistent with the tree; every
 * other member processes each UpdatePath to the vector's path secret, commit secret and tree hash; and a fresh
 * UpdatePath we create from each sender is processed by every other member to our commit secret.
 */
class TreeKemVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void suite3UpdatePaths() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("treekem.json");
        assertThat(entries).hasSize(11);
        SecureRandom random = new SecureRandom();
        int processed = 0;
        int created = 0;
        for (JsonObject entry : entries) {
            RatchetTree tree = RatchetTree.decode(MlsTestVectors.hex(entry, "ratchet_tree"));
            assertThat(tree.toBytes()).isEqualTo(MlsTestVectors.hex(entry, "ratchet_tree"));
            Bytes groupId = Bytes.copyOf(MlsTestVectors.hex(entry, "group_id"));
            GroupContext context = new GroupContext(1, 3, groupId, entry.get("epoch").getAsLong(),
                    Bytes.EMPTY, Bytes.copyOf(MlsTestVectors.hex(entry, "confirmed_transcript_hash")), List.of());
            LeafNodeValidator validator = LeafNodeValidator.forGroup(groupId, 3, List.of());

            Map<Integer, TreePrivateKeys> privates = new TreeMap<>();
            Map<Integer, Ed25519KeyPair> signers = new TreeMap<>();
            for (JsonElement element : entry.getAsJsonArray("leaves_private")) {
                JsonObject leaf = element.getAsJsonObject();
                int index = leaf.get("index").getAsInt();
                TreePrivateKeys keys = TreePrivateKeys.forLeaf(index,
                        X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(leaf, "encryption_priv")));
                for (JsonElement secret : leaf.getAsJsonArray("path_secrets")) {
                    JsonObject s = secret.getAsJsonObject();
                    keys = keys.withPathSecret(s.get("node").getAsInt(), MlsTestVectors.hex(s, "path_secret"));
                }
                assertThat(keys.consistentWith(tree)).as("private state of leaf %d", index).isTrue();
                privates.put(index, keys);
                signers.put(index, Ed25519KeyPair.fromPrivateKey(MlsTestVectors.hex(leaf, "signature_priv")));
            }

            for (JsonElement element : entry.getAsJsonArray("update_paths")) {
                JsonObject update = element.getAsJsonObject();
                int sender = update.get("sender").getAsInt();
                byte[] pathBytes = MlsTestVectors.hex(update, "update_path");
                UpdatePath path = UpdatePath.decode(pathBytes);
                assertThat(path.toBytes()).isEqualTo(pathBytes);
                Bytes treeHashAfter = Bytes.copyOf(MlsTestVectors.hex(update, "tree_hash_after"));
                byte[] commitSecret = MlsTestVectors.hex(update, "commit_secret");

                for (Map.Entry<Integer, TreePrivateKeys> receiver : privates.entrySet()) {
                    int j = receiver.getKey();
                    if (j == sender) {
                        continue;
                    }
                    TreeKem.Processed result = TreeKem.applyUpdatePath(tree, sender, path, receiver.getValue(),
                            context, new BitSet(), validator);
                    assertThat(HEX.formatHex(result.pathSecret())).as("path secret of leaf %d", j)
                            .isEqualTo(update.getAsJsonArray("path_secrets").get(j).getAsString());
                    assertThat(result.commitSecret()).isEqualTo(commitSecret);
                    assertThat(result.tree().treeHash(SuiteHash.forSuite(3))).isEqualTo(treeHashAfter);
                    assertThat(result.groupContext().treeHash()).isEqualTo(treeHashAfter);
                    assertThat(result.keys().consistentWith(result.tree())).isTrue();
                    assertThat(result.tree().parentHashesValid(SuiteHash.forSuite(3))).isTrue();
                    processed++;
                }

                TreeKem.Created mine = TreeKem.createUpdatePath(tree, sender, signers.get(sender), context,
                        new BitSet(), random);
                assertThat(mine.keys().consistentWith(mine.tree())).isTrue();
                assertThat(mine.tree().parentHashesValid(SuiteHash.forSuite(3))).isTrue();
                TreeValidator.forGroup(groupId, 3, List.of()).validate(mine.tree());
                UpdatePath sent = UpdatePath.decode(mine.path().toBytes());
                for (Map.Entry<Integer, TreePrivateKeys> receiver : privates.entrySet()) {
                    if (receiver.getKey() == sender) {
                        continue;
                    }
                    TreeKem.Processed result = TreeKem.applyUpdatePath(tree, sender, sent, receiver.getValue(),
                            context, new BitSet(), validator);
                    assertThat(result.commitSecret()).isEqualTo(mine.commitSecret());
                    assertThat(result.tree()).isEqualTo(mine.tree());
                    assertThat(result.groupContext()).isEqualTo(mine.groupContext());
                    created++;
                }
            }
        }
        assertThat(processed).isPositive();
        assertThat(created).isEqualTo(processed);
    }
}
