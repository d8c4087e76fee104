package io.socon.messaging.impl.mls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledSignatureTest {

    @Test
    void signWithLabelVectorsOfCipherSuite3() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("crypto-basics.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            JsonObject vector = entry.getAsJsonObject("sign_with_label");
            Ed25519KeyPair key = Ed25519KeyPair.fromPrivateKey(MlsTestVectors.hex(vector, "priv"));
            Bytes publicKey = Bytes.copyOf(MlsTestVectors.hex(vector, "pub"));
            String label = vector.get("label").getAsString();
            byte[] content = MlsTestVectors.hex(vector, "content");
            Bytes expected = Bytes.copyOf(MlsTestVectors.hex(vector, "signature"));

            assertThat(key.publicKey()).isEqualTo(publicKey);
            // Ed25519 is deterministic, so our signature must be the vector's
            assertThat(LabeledSignature.sign(key, label, content)).isEqualTo(expected);
            assertThat(LabeledSignature.verify(publicKey, label, content, expected)).isTrue();
            assertThat(LabeledSignature.verify(publicKey, label + "x", content, expected)).isFalse();
        }
    }

    @Test
    void signContentIsTheLabelledStructure() {
        byte[] encoded = LabeledSignature.signContent("KeyPackageTBS", new byte[] {1, 2});

        byte[] label = "MLS 1.0 KeyPackageTBS".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(encoded))
                .isEqualTo("15" + HexFormat.of().formatHex(label) + "02" + "0102");
    }

    @Test
    void aChangedSignatureOrContentDoesNotVerify() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
        byte[] content = {1, 2, 3};
        byte[] signature = LabeledSignature.sign(key, "LeafNodeTBS", content).toByteArray();

        assertThat(LabeledSignature.verify(key.publicKey(), "LeafNodeTBS", content, Bytes.copyOf(signature)))
                .isTrue();
        assertThat(LabeledSignature.verify(key.publicKey(), "LeafNodeTBS", new byte[] {1, 2, 4},
                Bytes.copyOf(signature))).isFalse();
        signature[10] ^= 1;
        assertThat(LabeledSignature.verify(key.publicKey(), "LeafNodeTBS", content, Bytes.copyOf(signature)))
                .isFalse();
    }
}
