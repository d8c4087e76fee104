package io.socon.messaging.impl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Ed25519phTest {

    /** Seed 01 02 .. 20. */
    static final byte[] SEED = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            SEED[i] = (byte) (i + 1);
        }
    }

    static final String TEXT = "XMTP : Authenticate to inbox\n\n"
            + "Inbox ID: fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9\n"
            + "Current time: 1970-01-01T00:00:00Z\n\n"
            + "- Create inbox\n  (Owner: 0x1234567890abcdef1234567890abcdef12345678)\n\n"
            + "For more info: https://xmtp.org/signatures";

    /** Computed independently with @noble/curves 1.9.1 ed25519ph.sign(text, seed, {context}). */
    static final String EXPECTED_PUBLIC_KEY = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
    static final String EXPECTED_SIGNATURE = "bdd4089194547bc94e0feba7e6d087075c168b9d23bac1af8a8549fec5e3889c"
            + "e8a0b0dd1d5e7115317ef3d3a2cabcf3015a1d8d52e61fe7086106cf16227701";

    /** RFC 8032 section 7.3, the Ed25519ph test vector (message "abc", empty context). */
    @Test
    void matchesTheRfc8032Vector() {
        byte[] seed = Hex.decode("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42");
        byte[] signature = Ed25519ph.sign(seed, new byte[0], "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.encode(Ed25519ph.publicKey(seed)))
                .isEqualTo("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf");
        assertThat(Hex.encode(signature)).isEqualTo("98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41"
                + "31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406");
    }

    @Test
    void theContextIsTheTwentyFiveAsciiBytesLibxmtpUses() {
        assertThat(new String(Ed25519ph.identityUpdateContext(), StandardCharsets.US_ASCII))
                .isEqualTo("IDENTITY UPDATE SIGNATURE");
        assertThat(Ed25519ph.identityUpdateContext()).hasSize(25);
    }

    @Test
    void signsAnIdentityTextLikeNoble() {
        byte[] signature = Ed25519ph.sign(SEED, Ed25519ph.identityUpdateContext(), TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(Hex.encode(Ed25519ph.publicKey(SEED))).isEqualTo(EXPECTED_PUBLIC_KEY);
        assertThat(Hex.encode(signature)).isEqualTo(EXPECTED_SIGNATURE);
    }

    @Test
    void verifiesOnlyWithTheSameContextKeyAndMessage() {
        byte[] message = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] signature = Hex.decode(EXPECTED_SIGNATURE);
        byte[] publicKey = Hex.decode(EXPECTED_PUBLIC_KEY);
        byte[] context = Ed25519ph.identityUpdateContext();

        assertThat(Ed25519ph.verify(publicKey, context, message, signature)).isTrue();
        assertThat(Ed25519ph.verify(publicKey, "PUBLIC SIGNATURE CONTEXT".getBytes(StandardCharsets.US_ASCII),
                message, signature)).isFalse();
        assertThat(Ed25519ph.verify(publicKey, new byte[0], message, signature)).isFalse();
        assertThat(Ed25519ph.verify(publicKey, context, "other".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        byte[] otherKey = Ed25519ph.publicKey(new byte[32]);
        assertThat(Ed25519ph.verify(otherKey, context, message, signature)).isFalse();
    }

    @Test
    void refusesWrongLengths() {
        byte[] context = Ed25519ph.identityUpdateContext();
        assertThatThrownBy(() -> Ed25519ph.verify(new byte[31], context, new byte[0], new byte[64]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> Ed25519ph.verify(Hex.decode(EXPECTED_PUBLIC_KEY), context, new byte[0], new byte[63]))
                .hasMessageContaining("64 bytes, got 63");
        assertThatThrownBy(() -> Ed25519ph.sign(new byte[33], context, new byte[0]))
                .hasMessageContaining("32 bytes, got 33");
        assertThatThrownBy(() -> Ed25519ph.sign(SEED, new byte[256], new byte[0]))
                .hasMessageContaining("at most 255 bytes");
    }
}
