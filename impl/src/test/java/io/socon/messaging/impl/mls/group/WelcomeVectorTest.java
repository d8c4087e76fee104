package io.socon.messaging.impl.mls.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.schedule.EpochSecrets;
import io.socon.messaging.impl.mls.struct.GroupInfo;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * welcome.json (cipher suite 3): open the Welcome with the vector's key package and init key, verify the
 * GroupInfo signature under signer_pub and the confirmation tag from the derived epoch secrets.
 */
class WelcomeVectorTest {

    @Test
    void opensTheWelcomeAndVerifiesTheGroupInfo() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("welcome.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            KeyPackage keyPackage = MlsMessage.decode(MlsTestVectors.hex(entry, "key_package")).keyPackage();
            X25519KeyPair init = X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "init_priv"));
            OpenedWelcome opened = OpenedWelcome.open(
                    MlsMessage.decode(MlsTestVectors.hex(entry, "welcome")).welcome(), keyPackage, init, PskStore.NONE);
            GroupInfo info = opened.groupInfo();
            assertThat(opened.signatureVerifies(Bytes.copyOf(MlsTestVectors.hex(entry, "signer_pub")))).isTrue();
            EpochSecrets secrets = opened.epochSecrets();
            assertThat(secrets.verifyConfirmationTag(info.groupContext().confirmedTranscriptHash().toByteArray(),
                    info.confirmationTag().toByteArray())).isTrue();
        }
    }
}
