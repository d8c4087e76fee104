package io.socon.messaging.impl.mls.xmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key packages made by other MLS implementations for cipher suite 3 (passive-client-welcome.json and
 * welcome.json). Their signatures are genuine, so every MLS check must pass; they carry no XMTP credential,
 * so the validator must stop exactly at that last check.
 */
class KeyPackageVectorsTest {

    @Test
    void otherImplementationsKeyPackagesPassEveryMlsCheck() {
        List<byte[]> keyPackages = new ArrayList<>();
        for (JsonObject entry : MlsTestVectors.loadSuite3("passive-client-welcome.json")) {
            keyPackages.add(MlsTestVectors.hex(entry, "key_package"));
        }
        for (JsonObject entry : MlsTestVectors.loadSuite3("welcome.json")) {
            keyPackages.add(MlsTestVectors.hex(entry, "key_package"));
        }
        assertThat(keyPackages).isNotEmpty();

        for (byte[] message : keyPackages) {
            KeyPackage keyPackage = MlsMessage.decode(message).keyPackage();
            Lifetime lifetime = keyPackage.leafNode().lifetime().orElseThrow();
            Clock insideLifetime = Clock.fixed(Instant.ofEpochSecond(lifetime.notBefore() + 1), ZoneOffset.UTC);

            assertThatThrownBy(() -> new KeyPackageValidator(insideLifetime).validate(keyPackage.toBytes()))
                    .isInstanceOfSatisfying(KeyPackageRejectedException.class,
                            e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(KeyPackageCheck.XMTP_CREDENTIAL));
        }
    }

    @Test
    void privateKeysOfTheVectorsGiveTheirPublicKeys() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("passive-client-welcome.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            KeyPackage keyPackage = MlsMessage.decode(MlsTestVectors.hex(entry, "key_package")).keyPackage();

            assertThat(Ed25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "signature_priv")).publicKey())
                    .isEqualTo(keyPackage.leafNode().signatureKey());
            assertThat(X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "init_priv")).publicKey())
                    .isEqualTo(keyPackage.initKey());
            assertThat(X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "encryption_priv")).publicKey())
                    .isEqualTo(keyPackage.leafNode().encryptionKey());
        }
    }
}
