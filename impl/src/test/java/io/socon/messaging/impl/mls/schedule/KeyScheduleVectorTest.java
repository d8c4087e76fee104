package io.socon.messaging.impl.mls.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** key-schedule.json (every epoch of the suite-3 entries) and psk_secret.json (suite 3). */
class KeyScheduleVectorTest {

    @Test
    void everyEpochOfKeyScheduleJson() {
        int epochs = 0;
        for (JsonObject entry : MlsTestVectors.loadSuite3("key-schedule.json")) {
            byte[] groupId = MlsTestVectors.hex(entry, "group_id");
            byte[] initSecret = MlsTestVectors.hex(entry, "initial_init_secret");
            long epochNumber = 0;
            for (JsonElement element : entry.getAsJsonArray("epochs")) {
                JsonObject epoch = element.getAsJsonObject();
                GroupContext context = new GroupContext(1, 3, Bytes.copyOf(groupId), epochNumber,
                        Bytes.copyOf(hex(epoch, "tree_hash")), Bytes.copyOf(hex(epoch, "confirmed_transcript_hash")),
                        List.of());
                byte[] encodedContext = context.toBytes();
                assertThat(encodedContext).isEqualTo(hex(epoch, "group_context"));

                byte[] commitSecret = hex(epoch, "commit_secret");
                byte[] pskSecret = hex(epoch, "psk_secret");
                byte[] joiner = KeySchedule.joinerSecret(initSecret, commitSecret, encodedContext);
                assertThat(joiner).isEqualTo(hex(epoch, "joiner_secret"));
                byte[] welcome = KeySchedule.welcomeSecret(joiner, pskSecret);
                assertThat(welcome).isEqualTo(hex(epoch, "welcome_secret"));

                EpochSecrets secrets = KeySchedule.advance(initSecret, commitSecret, pskSecret, context);
                assertThat(secrets.senderDataSecret()).isEqualTo(hex(epoch, "sender_data_secret"));
                assertThat(secrets.encryptionSecret()).isEqualTo(hex(epoch, "encryption_secret"));
                assertThat(secrets.exporterSecret()).isEqualTo(hex(epoch, "exporter_secret"));
                assertThat(secrets.externalSecret()).isEqualTo(hex(epoch, "external_secret"));
                assertThat(secrets.confirmationKey()).isEqualTo(hex(epoch, "confirmation_key"));
                assertThat(secrets.membershipKey()).isEqualTo(hex(epoch, "membership_key"));
                assertThat(secrets.resumptionPsk()).isEqualTo(hex(epoch, "resumption_psk"));
                assertThat(secrets.epochAuthenticator()).isEqualTo(hex(epoch, "epoch_authenticator"));
                assertThat(secrets.initSecret()).isEqualTo(hex(epoch, "init_secret"));
                assertThat(KeySchedule.externalKeyPair(secrets.externalSecret()).publicKey().toHex())
                        .isEqualTo(epoch.get("external_pub").getAsString());

                JsonObject exporter = epoch.getAsJsonObject("exporter");
                // Surprise: the vector's exporter label is used as the ASCII text of its hex string, not as
                // the bytes the hex encodes (that is how the reference implementations read it).
                byte[] label = exporter.get("label").getAsString().getBytes(StandardCharsets.US_ASCII);
                assertThat(secrets.export(label, hex(exporter, "context"), exporter.get("length").getAsInt()))
                        .isEqualTo(hex(exporter, "secret"));

                EpochSecrets restored = EpochSecrets.fromBytes(secrets.toBytes());
                assertThat(restored.sameSecretsAs(secrets)).isTrue();

                initSecret = secrets.initSecret();
                secrets.destroy();
                epochNumber++;
                epochs++;
            }
        }
        assertThat(epochs).isPositive();
    }

    @Test
    void pskSecretJson() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("psk_secret.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            List<PreSharedKeyId> ids = new ArrayList<>();
            List<byte[]> psks = new ArrayList<>();
            for (JsonElement element : entry.getAsJsonArray("psks")) {
                JsonObject psk = element.getAsJsonObject();
                ids.add(new PreSharedKeyId.External(Bytes.copyOf(hex(psk, "psk_id")),
                        Bytes.copyOf(hex(psk, "psk_nonce"))));
                psks.add(hex(psk, "psk"));
            }
            assertThat(PskSecret.combine(ids, psks)).as("psk_secret of %d PSKs", ids.size())
                    .isEqualTo(hex(entry, "psk_secret"));
        }
    }

    @Test
    void externalInitAgreesOnTheInitSecret() {
        SecureRandom random = new SecureRandom();
        byte[] externalSecret = KeySchedule.initialInitSecret(random);
        X25519KeyPair groupKey = KeySchedule.externalKeyPair(externalSecret);

        KeySchedule.ExternalInit joiner = KeySchedule.externalInit(groupKey.publicKey(), random);
        byte[] groupSide = KeySchedule.externalInitSecret(externalSecret, joiner.kemOutput());

        assertThat(groupSide).hasSize(Kdf.HASH_LENGTH).isEqualTo(joiner.initSecret());
    }

    @Test
    void storedSecretsAreVersionedAndDestroyWipes() {
        EpochSecrets secrets = EpochSecrets.fromEpochSecret(new byte[Kdf.HASH_LENGTH]);
        byte[] stored = secrets.toBytes();
        assertThat(stored[0]).isEqualTo((byte) EpochSecrets.FORMAT_VERSION);

        stored[0] = 9;
        assertThatThrownBy(() -> EpochSecrets.fromBytes(stored)).isInstanceOf(IllegalArgumentException.class);
        stored[0] = 1;
        assertThatThrownBy(() -> EpochSecrets.fromBytes(java.util.Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);

        byte[] tag = secrets.confirmationTag(new byte[] {1, 2});
        assertThat(secrets.verifyConfirmationTag(new byte[] {1, 2}, tag)).isTrue();
        assertThat(secrets.verifyConfirmationTag(new byte[] {1, 3}, tag)).isFalse();

        secrets.destroy();
        assertThat(secrets.isDestroyed()).isTrue();
        assertThatThrownBy(secrets::senderDataSecret).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] hex(JsonObject object, String field) {
        return HexFormat.of().parseHex(object.get(field).getAsString());
    }
}
