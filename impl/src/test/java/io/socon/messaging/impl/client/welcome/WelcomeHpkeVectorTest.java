package io.socon.messaging.impl.client.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.prng.FixedSecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the two layers under the welcome wrapper: the HPKE key schedule and DHKEM(X25519) against
 * RFC 9180 appendix A.2.1, and X-Wing against the test vectors of draft-connolly-cfrg-xwing-kem-06.
 */
class WelcomeHpkeVectorTest {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 9180 appendix A.2.1: mode_base, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305
    private static final byte[] INFO = hex("4f6465206f6e2061204772656369616e2055726e");
    private static final byte[] SK_EM = hex("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
    private static final byte[] PK_EM = hex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static final byte[] SK_RM = hex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static final byte[] PK_RM = hex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static final byte[] SHARED_SECRET =
            hex("0bbe78490412b4bbea4812666f7916932b828bba79942424abb65244930d69a7");
    private static final byte[] KEY = hex("ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91");
    private static final byte[] BASE_NONCE = hex("5c4d98150661b848853b547f");
    private static final byte[] PT = hex("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[] AAD_0 = hex("436f756e742d30");
    private static final byte[] CT_0 = hex("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db"
            + "21993c62ce81883d2dd1b51a28");
    private static final byte[] AAD_1 = hex("436f756e742d31");
    private static final byte[] CT_1 = hex("6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e"
            + "85285337cc95ba5f59992dc98c");

    @Test
    void dhKemX25519MatchesRfc9180() {
        WrapperHpke.Kem kem = WrapperHpke.kem(WelcomeWrapAlgorithm.CURVE25519);

        WrapperHpke.Encapsulation encapsulation = kem.encapsulate(PK_RM, new FixedSecureRandom(SK_EM));

        assertThat(encapsulation.enc()).isEqualTo(PK_EM);
        assertThat(encapsulation.sharedSecret()).isEqualTo(SHARED_SECRET);
        assertThat(kem.decapsulate(PK_EM, SK_RM)).isEqualTo(SHARED_SECRET);
        assertThat(kem.publicKeyOf(SK_RM)).isEqualTo(PK_RM);
    }

    @Test
    void keyScheduleAndSequenceMatchRfc9180() {
        WrapperHpke.Context sender = WrapperHpke.Context.keySchedule(WrapperHpke.KEM_X25519, SHARED_SECRET, INFO);

        assertThat(sender.key()).isEqualTo(KEY);
        assertThat(sender.baseNonce()).isEqualTo(BASE_NONCE);
        assertThat(sender.seal(AAD_0, PT)).isEqualTo(CT_0);
        assertThat(sender.seal(AAD_1, PT)).isEqualTo(CT_1);

        WrapperHpke.Context receiver = WrapperHpke.Context.keySchedule(WrapperHpke.KEM_X25519, SHARED_SECRET, INFO);
        assertThat(receiver.open(AAD_0, CT_0)).isEqualTo(PT);
        assertThat(receiver.open(AAD_1, CT_1)).isEqualTo(PT);
    }

    @Test
    void bouncyCastleXWingMatchesDraft06() throws Exception {
        JsonArray vectors = loadXWingVectors();
        assertThat(vectors).hasSize(3);
        WrapperHpke.Kem kem = WrapperHpke.kem(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6);
        for (JsonElement element : vectors) {
            JsonObject v = element.getAsJsonObject();
            byte[] seed = hex(v.get("seed").getAsString());
            byte[] publicKey = hex(v.get("pk").getAsString());

            XWingKeyPair pair = XWingKeyPair.fromSeed(seed);
            assertThat(pair.seed()).isEqualTo(hex(v.get("sk").getAsString()));
            assertThat(pair.publicKey().toByteArray()).isEqualTo(publicKey);

            // the generator draws the ML-KEM message first, then the X25519 ephemeral key: eseed's order
            WrapperHpke.Encapsulation encapsulation =
                    kem.encapsulate(publicKey, new FixedSecureRandom(hex(v.get("eseed").getAsString())));
            assertThat(encapsulation.enc()).isEqualTo(hex(v.get("ct").getAsString()));
            assertThat(encapsulation.sharedSecret()).isEqualTo(hex(v.get("ss").getAsString()));
            assertThat(kem.decapsulate(encapsulation.enc(), seed)).isEqualTo(hex(v.get("ss").getAsString()));
        }
    }

    private static JsonArray loadXWingVectors() throws Exception {
        try (InputStream in = WelcomeHpkeVectorTest.class.getResourceAsStream("xwing-draft-06.json")) {
            assertThat(in).as("xwing-draft-06.json on the test classpath").isNotNull();
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject().getAsJsonArray("vectors");
        }
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }
}
