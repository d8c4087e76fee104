package io.socon.messaging.impl.client.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.MlsCryptoException;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.WireFormat;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Known answer from real libxmtp: an X-Wing welcome that libxmtp 1.10 wrapped for another libxmtp installation,
 * with that installation's X-Wing seed ({@code libxmtp-1.10-xwing-welcome.json}). It pins the one fact the
 * X-Wing draft-06 vectors and RFC 9180 cannot: libxmtp's HPKE suite id carries KEM id 0x004D (hpke-rs 0.4's
 * {@code XWingDraft06}), not X-Wing's 0x647A, so a welcome sealed under 0x647A fails in libxmtp with
 * "OpenMLS HPKE error: Decryption failed".
 */
class LibxmtpXWingWelcomeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] INFO = Hpke.encryptContext(WelcomeWrapper.WELCOME_LABEL, new byte[0]);

    private final JsonObject vector = load();
    private final byte[] seed = hex("seed");
    private final Bytes hpkePublicKey = Bytes.copyOf(hex("hpke_public_key"));
    private final byte[] data = hex("data");
    private final byte[] welcomeMetadata = hex("welcome_metadata");

    @Test
    void theSeedIsTheKeyPackagesXWingKey() {
        assertThat(hpkePublicKey.length()).isEqualTo(XWingKeyPair.PUBLIC_KEY_SIZE);
        assertThat(XWingKeyPair.fromSeed(seed).publicKey()).isEqualTo(hpkePublicKey);
        assertThat(vector.get("wrapper_algorithm").getAsInt()).isEqualTo(2);
    }

    @Test
    void libxmtpSealsUnderKemId0x004DAndNotUnder0x647A() {
        HpkeCiphertext ciphertext = TlsReader.decodeExactly(data, "HPKECiphertext", HpkeCiphertext::readFrom);
        assertThat(ciphertext.kemOutput().length()).isEqualTo(XWingKeyPair.CIPHERTEXT_SIZE);
        byte[] sharedSecret = WrapperHpke.kem(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6)
                .decapsulate(ciphertext.kemOutput().toByteArray(), seed);

        WrapperHpke.Context context = WrapperHpke.Context.keySchedule(0x004D, sharedSecret, INFO);
        byte[] welcome = context.open(new byte[0], ciphertext.ciphertext().toByteArray());
        assertThat(MlsMessage.decode(welcome).wireFormat()).isEqualTo(WireFormat.WELCOME);
        // the same context opens the metadata with the next sequence number
        assertThat(context.open(new byte[0], welcomeMetadata)).isNotEmpty();

        WrapperHpke.Context hpkePq = WrapperHpke.Context.keySchedule(0x647A, sharedSecret, INFO);
        assertThatThrownBy(() -> hpkePq.open(new byte[0], ciphertext.ciphertext().toByteArray()))
                .isInstanceOf(MlsCryptoException.class);
    }

    @Test
    void weSealXWingUnderLibxmtpsKemId() {
        assertThat(WrapperHpke.KEM_XWING).isEqualTo(0x004D);
        assertThat(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6.hpkeKemId()).isEqualTo(0x004D);

        // wrap to the libxmtp installation's key, then open as libxmtp 1.10 does: under 0x004D only
        byte[] ourWelcome = "an MLSMessage(Welcome)".getBytes(StandardCharsets.US_ASCII);
        WrappedWelcome wrapped = WelcomeWrapper.wrap(new WrapperKey(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6,
                hpkePublicKey), Bytes.copyOf(hex("installation_key")), ourWelcome, 42, new SecureRandom());
        HpkeCiphertext ciphertext = TlsReader.decodeExactly(wrapped.data().toByteArray(), "HPKECiphertext",
                HpkeCiphertext::readFrom);
        byte[] sharedSecret = WrapperHpke.kem(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6)
                .decapsulate(ciphertext.kemOutput().toByteArray(), seed);
        WrapperHpke.Context context = WrapperHpke.Context.keySchedule(0x004D, sharedSecret, INFO);

        assertThat(context.open(new byte[0], ciphertext.ciphertext().toByteArray())).isEqualTo(ourWelcome);
        assertThat(context.open(new byte[0], wrapped.welcomeMetadata().toByteArray()))
                .isEqualTo(WelcomeMetadata.newBuilder().setMessageCursor(42).build().toByteArray());
    }

    @Test
    void welcomeWrapperOpensIt() {
        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(hpkePublicKey, 2, data, welcomeMetadata,
                (algorithm, key) -> algorithm == WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6
                        && key.equals(hpkePublicKey) ? Optional.of(seed.clone()) : Optional.empty());

        MlsMessage message = MlsMessage.decode(unwrapped.welcomeMessage().toByteArray());
        assertThat(message.wireFormat()).isEqualTo(WireFormat.WELCOME);
        assertThat(message.welcome().cipherSuite()).as("MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519")
                .isEqualTo(3);
        assertThat(unwrapped.messageCursor()).as("the node id of the commit that added the recipient")
                .isEqualTo(9);
    }

    private byte[] hex(String field) {
        return HEX.parseHex(vector.get(field).getAsString());
    }

    private static JsonObject load() {
        try (InputStream in = LibxmtpXWingWelcomeTest.class.getResourceAsStream("libxmtp-1.10-xwing-welcome.json")) {
            assertThat(in).as("libxmtp-1.10-xwing-welcome.json on the test classpath").isNotNull();
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
