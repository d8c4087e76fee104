package io.socon.messaging.impl.mls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite-3 entries of crypto-basics.json (RFC 9420 test vectors): the labelled KDF functions, RefHash,
 * EncryptWithLabel / DecryptWithLabel and SignWithLabel; plus DeriveKeyPair against key-schedule.json's
 * external keys.
 */
class CryptoBasicsVectorTest {

    private static List<JsonObject> entries;

    @BeforeAll
    static void load() {
        entries = MlsTestVectors.loadSuite3("crypto-basics.json");
        assertThat(entries).isNotEmpty();
    }

    @Test
    void deriveSecret() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("derive_secret");
            byte[] out = Kdf.deriveSecret(hex(v, "secret"), v.get("label").getAsString());
            assertThat(out).isEqualTo(hex(v, "out"));
        }
    }

    @Test
    void deriveTreeSecret() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("derive_tree_secret");
            byte[] out = Kdf.deriveTreeSecret(hex(v, "secret"), v.get("label").getAsString(),
                    v.get("generation").getAsLong(), v.get("length").getAsInt());
            assertThat(out).isEqualTo(hex(v, "out"));
        }
    }

    @Test
    void expandWithLabel() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("expand_with_label");
            byte[] out = Kdf.expandWithLabel(hex(v, "secret"), v.get("label").getAsString(), hex(v, "context"),
                    v.get("length").getAsInt());
            assertThat(out).isEqualTo(hex(v, "out"));
        }
    }

    @Test
    void refHash() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("ref_hash");
            assertThat(Kdf.refHash(v.get("label").getAsString(), hex(v, "value"))).isEqualTo(hex(v, "out"));
        }
    }

    @Test
    void decryptWithLabelOpensTheVectorsCiphertext() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("encrypt_with_label");
            X25519KeyPair key = X25519KeyPair.fromPrivateKey(hex(v, "priv"));
            assertThat(key.publicKey().contentEquals(hex(v, "pub"))).isTrue();
            HpkeCiphertext ciphertext = new HpkeCiphertext(Bytes.copyOf(hex(v, "kem_output")),
                    Bytes.copyOf(hex(v, "ciphertext")));

            byte[] plaintext = Hpke.decryptWithLabel(key, v.get("label").getAsString(), hex(v, "context"),
                    ciphertext);

            assertThat(plaintext).isEqualTo(hex(v, "plaintext"));
        }
    }

    @Test
    void encryptWithLabelRoundTripsAndIsBoundToLabelAndContext() {
        SecureRandom random = new SecureRandom();
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("encrypt_with_label");
            X25519KeyPair key = X25519KeyPair.fromPrivateKey(hex(v, "priv"));
            String label = v.get("label").getAsString();
            byte[] context = hex(v, "context");
            byte[] plaintext = hex(v, "plaintext");

            HpkeCiphertext sealed = Hpke.encryptWithLabel(key.publicKey(), label, context, plaintext, random);

            assertThat(sealed.kemOutput().length()).isEqualTo(Hpke.ENC_LENGTH);
            assertThat(sealed.ciphertext().length()).isEqualTo(plaintext.length + Aead.TAG_LENGTH);
            assertThat(Hpke.decryptWithLabel(key, label, context, sealed)).isEqualTo(plaintext);
            assertThatThrownBy(() -> Hpke.decryptWithLabel(key, label + "x", context, sealed))
                    .isInstanceOf(MlsCryptoException.class);
            assertThatThrownBy(() -> Hpke.decryptWithLabel(key, label, new byte[1], sealed))
                    .isInstanceOf(MlsCryptoException.class);
            X25519KeyPair other = X25519KeyPair.generate(random);
            assertThatThrownBy(() -> Hpke.decryptWithLabel(other, label, context, sealed))
                    .isInstanceOf(MlsCryptoException.class);
        }
    }

    @Test
    void encryptWithLabelIsDeterministicGivenTheEphemeralKey() {
        X25519KeyPair recipient = X25519KeyPair.generate(new SecureRandom());
        X25519KeyPair ephemeral = X25519KeyPair.generate(new SecureRandom());
        byte[] plaintext = "hello".getBytes(StandardCharsets.UTF_8);

        HpkeCiphertext first = Hpke.encryptWithLabel(recipient.publicKey(), "L", new byte[0], plaintext, ephemeral);
        HpkeCiphertext second = Hpke.encryptWithLabel(recipient.publicKey(), "L", new byte[0], plaintext, ephemeral);

        assertThat(first).isEqualTo(second);
        assertThat(first.kemOutput()).isEqualTo(ephemeral.publicKey());
    }

    @Test
    void signWithLabel() {
        for (JsonObject entry : entries) {
            JsonObject v = entry.getAsJsonObject("sign_with_label");
            Ed25519KeyPair key = Ed25519KeyPair.fromPrivateKey(hex(v, "priv"));
            String label = v.get("label").getAsString();
            // Ed25519 is deterministic, so our signature must equal the vector's.
            assertThat(LabeledSignature.sign(key, label, hex(v, "content")).toByteArray())
                    .isEqualTo(hex(v, "signature"));
            assertThat(LabeledSignature.verify(Bytes.copyOf(hex(v, "pub")), label, hex(v, "content"),
                    Bytes.copyOf(hex(v, "signature")))).isTrue();
        }
    }

    @Test
    void deriveKeyPairGivesTheExternalPublicKeyOfEveryEpoch() {
        int checked = 0;
        for (JsonObject entry : MlsTestVectors.loadSuite3("key-schedule.json")) {
            for (var element : entry.getAsJsonArray("epochs")) {
                JsonObject epoch = element.getAsJsonObject();
                X25519KeyPair pair = Hpke.deriveKeyPair(hex(epoch, "external_secret"));
                assertThat(pair.publicKey().toHex()).isEqualTo(epoch.get("external_pub").getAsString());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void expandProducesLongOutputsBlockByBlock() {
        // RFC 5869 test case 1 (SHA-256).
        HexFormat h = HexFormat.of();
        byte[] prk = Kdf.extract(h.parseHex("000102030405060708090a0b0c"),
                h.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
        assertThat(h.formatHex(prk))
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] okm = Kdf.expand(prk, h.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(h.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void aeadRoundTripsAndRejectsTampering() {
        byte[] key = new byte[Aead.KEY_LENGTH];
        byte[] nonce = new byte[Aead.NONCE_LENGTH];
        new SecureRandom().nextBytes(key);
        byte[] aad = {1, 2, 3};
        byte[] plaintext = "the plaintext".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = Aead.seal(key, nonce, aad, plaintext);
        assertThat(Aead.open(key, nonce, aad, sealed)).isEqualTo(plaintext);
        assertThat(Aead.seal(key, nonce, aad, plaintext)).isEqualTo(sealed);

        sealed[0] ^= 1;
        assertThatThrownBy(() -> Aead.open(key, nonce, aad, sealed)).isInstanceOf(MlsCryptoException.class);
        sealed[0] ^= 1;
        assertThatThrownBy(() -> Aead.open(key, nonce, new byte[0], sealed))
                .isInstanceOf(MlsCryptoException.class);
        assertThatThrownBy(() -> Aead.open(key, nonce, aad, new byte[5])).isInstanceOf(MlsCryptoException.class);
    }

    @Test
    void aeadMatchesRfc8439() {
        // RFC 8439 section 2.8.2.
        HexFormat h = HexFormat.of();
        byte[] key = h.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = h.parseHex("070000004041424344454647");
        byte[] aad = h.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
                + "the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Aead.seal(key, nonce, aad, plaintext);
        assertThat(h.formatHex(sealed, sealed.length - Aead.TAG_LENGTH, sealed.length))
                .isEqualTo("1ae10b594f09e26a7e902ecbd0600691");
    }

    private static byte[] hex(JsonObject object, String field) {
        return MlsTestVectors.hex(object, field);
    }
}
