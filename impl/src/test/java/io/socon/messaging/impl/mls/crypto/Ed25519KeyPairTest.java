package io.socon.messaging.impl.mls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {

    @Test
    void keysAndSignaturesOfTheWrongSizeDoNotVerify() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
        Bytes signature = Bytes.copyOf(key.sign(new byte[0]));

        assertThat(Ed25519KeyPair.verify(Bytes.copyOf(new byte[31]), new byte[0], signature)).isFalse();
        assertThat(Ed25519KeyPair.verify(key.publicKey(), new byte[0], Bytes.copyOf(new byte[63]))).isFalse();
    }

    @Test
    void keyPairsRoundTripTheirPrivateKeysAndHideThemFromToString() {
        Ed25519KeyPair signing = Ed25519KeyPair.generate(new SecureRandom());
        X25519KeyPair hpke = X25519KeyPair.generate(new SecureRandom());

        assertThat(Ed25519KeyPair.fromPrivateKey(signing.privateKey()).publicKey()).isEqualTo(signing.publicKey());
        assertThat(X25519KeyPair.fromPrivateKey(hpke.privateKey()).publicKey()).isEqualTo(hpke.publicKey());
        assertThat(signing.toString()).doesNotContain(HexFormat.of().formatHex(signing.privateKey()));
        assertThat(hpke.toString()).doesNotContain(HexFormat.of().formatHex(hpke.privateKey()));
    }

    @Test
    void refusesSignaturesWhoseNoncePointHasSmallOrder() throws Exception {
        // A signer can make R the identity point and S = k * a: the cofactorless equation [S]B = R + [k]A still
        // holds, so plain RFC 8032 verification accepts it; ed25519-dalek's verify_strict (OpenMLS) refuses it.
        byte[] seed = new byte[32];
        seed[0] = 7;
        Ed25519KeyPair key = Ed25519KeyPair.fromPrivateKey(seed);
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        BigInteger order = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
        byte[] hashedSeed = MessageDigest.getInstance("SHA-512").digest(seed);
        byte[] scalar = Arrays.copyOf(hashedSeed, 32);
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        byte[] identity = new byte[32];
        identity[0] = 1;
        MessageDigest challenge = MessageDigest.getInstance("SHA-512");
        challenge.update(identity);
        challenge.update(key.publicKey().toByteArray());
        challenge.update(message);
        BigInteger k = littleEndian(challenge.digest()).mod(order);
        byte[] s = toLittleEndian32(k.multiply(littleEndian(scalar)).mod(order));
        byte[] signature = new byte[64];
        System.arraycopy(identity, 0, signature, 0, 32);
        System.arraycopy(s, 0, signature, 32, 32);

        assertThat(org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, key.publicKey().toByteArray(), 0,
                message, 0, message.length)).as("Bouncy Castle alone accepts it").isTrue();
        assertThat(Ed25519KeyPair.verify(key.publicKey(), message, Bytes.copyOf(signature))).isFalse();
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian32(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
