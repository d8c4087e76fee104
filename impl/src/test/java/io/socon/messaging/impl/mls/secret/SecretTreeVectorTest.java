package io.socon.messaging.impl.mls.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.crypto.Kdf;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** secret-tree.json (suite 3) and the ratchet window rules. */
class SecretTreeVectorTest {

    @Test
    void secretTreeJson() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("secret-tree.json");
        assertThat(entries).isNotEmpty();
        int checked = 0;
        for (JsonObject entry : entries) {
            JsonObject senderData = entry.getAsJsonObject("sender_data");
            byte[] senderDataSecret = hex(senderData, "sender_data_secret");
            byte[] ciphertext = hex(senderData, "ciphertext");
            assertThat(SenderDataKeys.key(senderDataSecret, ciphertext)).isEqualTo(hex(senderData, "key"));
            assertThat(SenderDataKeys.nonce(senderDataSecret, ciphertext)).isEqualTo(hex(senderData, "nonce"));

            JsonArray leaves = entry.getAsJsonArray("leaves");
            SecretTree tree = SecretTree.create(hex(entry, "encryption_secret"), leaves.size(),
                    RatchetConfig.DEFAULT);
            for (int leaf = 0; leaf < leaves.size(); leaf++) {
                for (JsonElement element : leaves.get(leaf).getAsJsonArray()) {
                    JsonObject generation = element.getAsJsonObject();
                    long g = generation.get("generation").getAsLong();
                    RatchetKey handshake = tree.keyFor(leaf, RatchetType.HANDSHAKE, g);
                    RatchetKey application = tree.keyFor(leaf, RatchetType.APPLICATION, g);
                    assertThat(handshake.key()).isEqualTo(hex(generation, "handshake_key"));
                    assertThat(handshake.nonce()).isEqualTo(hex(generation, "handshake_nonce"));
                    assertThat(application.key()).isEqualTo(hex(generation, "application_key"));
                    assertThat(application.nonce()).isEqualTo(hex(generation, "application_nonce"));
                    checked++;
                }
            }
            // The same tree restored from storage, read in reverse leaf order, gives the same keys.
            SecretTree fresh = SecretTree.create(hex(entry, "encryption_secret"), leaves.size(),
                    RatchetConfig.DEFAULT);
            SecretTree restored = SecretTree.fromBytes(fresh.toBytes());
            for (int leaf = leaves.size() - 1; leaf >= 0; leaf--) {
                JsonObject first = leaves.get(leaf).getAsJsonArray().get(0).getAsJsonObject();
                assertThat(restored.keyFor(leaf, RatchetType.APPLICATION, first.get("generation").getAsLong())
                        .key()).isEqualTo(hex(first, "application_key"));
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void senderAndReceiverAgreeAndKeysAreSingleUse() {
        byte[] secret = new byte[Kdf.HASH_LENGTH];
        SecretTree sender = SecretTree.create(secret, 4, RatchetConfig.DEFAULT);
        SecretTree receiver = SecretTree.create(secret, 4, RatchetConfig.DEFAULT);

        RatchetKey first = sender.nextKey(2, RatchetType.APPLICATION);
        RatchetKey second = sender.nextKey(2, RatchetType.APPLICATION);
        assertThat(first.generation()).isZero();
        assertThat(second.generation()).isEqualTo(1);
        assertThat(sender.nextGeneration(2, RatchetType.APPLICATION)).isEqualTo(2);

        assertThat(receiver.keyFor(2, RatchetType.APPLICATION, 1).key()).isEqualTo(second.key());
        assertThat(receiver.keyFor(2, RatchetType.APPLICATION, 0).key()).isEqualTo(first.key());
        assertThatThrownBy(() -> receiver.keyFor(2, RatchetType.APPLICATION, 0))
                .isInstanceOf(SecretTreeException.class);
        assertThatThrownBy(() -> receiver.keyFor(2, RatchetType.APPLICATION, 1))
                .isInstanceOf(SecretTreeException.class);
        assertThatThrownBy(() -> receiver.keyFor(4, RatchetType.APPLICATION, 0))
                .isInstanceOf(SecretTreeException.class);
        // Handshake and application ratchets are independent.
        assertThat(receiver.keyFor(2, RatchetType.HANDSHAKE, 0).key()).isNotEqualTo(first.key());
    }

    @Test
    void windowKeepsABoundedNumberOfSkippedKeysAndRefusesFarGenerations() {
        SecretTree tree = SecretTree.create(new byte[Kdf.HASH_LENGTH], 2, new RatchetConfig(2, 10));

        tree.keyFor(0, RatchetType.APPLICATION, 5); // skips 0..4; keeps only 3 and 4
        assertThatThrownBy(() -> tree.keyFor(0, RatchetType.APPLICATION, 2)).isInstanceOf(SecretTreeException.class);
        tree.keyFor(0, RatchetType.APPLICATION, 4);
        tree.keyFor(0, RatchetType.APPLICATION, 3);
        assertThatThrownBy(() -> tree.keyFor(0, RatchetType.APPLICATION, 17))
                .isInstanceOf(SecretTreeException.class);
        assertThat(tree.keyFor(0, RatchetType.APPLICATION, 16).generation()).isEqualTo(16);
    }

    @Test
    void storageRoundTripKeepsRatchetsAndSkippedKeys() {
        SecretTree tree = SecretTree.create(new byte[Kdf.HASH_LENGTH], 8, RatchetConfig.DEFAULT);
        SecretTree twin = SecretTree.create(new byte[Kdf.HASH_LENGTH], 8, RatchetConfig.DEFAULT);
        tree.keyFor(5, RatchetType.HANDSHAKE, 3);
        twin.keyFor(5, RatchetType.HANDSHAKE, 3);

        byte[] stored = tree.toBytes();
        assertThat(stored[0]).isEqualTo((byte) SecretTree.FORMAT_VERSION);
        SecretTree restored = SecretTree.fromBytes(stored);
        assertThat(restored.toBytes()).isEqualTo(stored);
        assertThat(restored.keyFor(5, RatchetType.HANDSHAKE, 1).key())
                .isEqualTo(twin.keyFor(5, RatchetType.HANDSHAKE, 1).key());
        assertThat(restored.keyFor(1, RatchetType.APPLICATION, 0).key())
                .isEqualTo(twin.keyFor(1, RatchetType.APPLICATION, 0).key());

        stored[0] = 7;
        assertThatThrownBy(() -> SecretTree.fromBytes(stored)).isInstanceOf(IllegalArgumentException.class);
        tree.destroy();
        assertThatThrownBy(() -> tree.nextKey(0, RatchetType.HANDSHAKE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reuseGuardXorsTheFirstFourNonceBytes() {
        RatchetKey key = SecretTree.create(new byte[Kdf.HASH_LENGTH], 1, RatchetConfig.DEFAULT)
                .nextKey(0, RatchetType.APPLICATION);
        byte[] nonce = key.nonce();
        byte[] guarded = key.nonceWithReuseGuard(new byte[] {1, 2, 3, 4});
        for (int i = 0; i < nonce.length; i++) {
            int expected = i < 4 ? (nonce[i] ^ (i + 1)) : nonce[i];
            assertThat(guarded[i]).isEqualTo((byte) expected);
        }
    }

    private static byte[] hex(JsonObject object, String field) {
        return HexFormat.of().parseHex(object.get(field).getAsString());
    }
}
