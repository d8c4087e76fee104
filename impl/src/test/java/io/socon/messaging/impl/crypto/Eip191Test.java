package io.socon.messaging.impl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Eip191Test {

    /** Hardhat's well-known account #0. */
    static final byte[] HARDHAT_0_KEY =
            Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final String HARDHAT_0_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    /** Expected values computed independently with viem 2.57.20 (hashMessage, signMessage). */
    static final String HELLO_HASH = "d9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68";
    static final String HELLO_SIGNATURE = "a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1"
            + "5fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b";
    static final String UNICODE_TEXT = "héllo ✓";
    static final String UNICODE_HASH = "a92524dcf72de9f2771f170e519c7fcc3305b814c130bfe3cf288b3d4b8d5906";
    static final String UNICODE_SIGNATURE = "7b2c6bb34ec69fd5f66c802d7300a2a8205700e233478bbd197f91f39e9c4d99"
            + "16c7430ee22270314a07105c2a807130e3dc8f1a74b186e863c49cdd977a7fbf1b";

    static final BigInteger N = new BigInteger(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    @Test
    void hardhatAccountZeroHasItsWellKnownAddress() {
        assertThat(EthereumAddresses.fromPrivateKey(HARDHAT_0_KEY)).isEqualTo(HARDHAT_0_ADDRESS);
    }

    @Test
    void hashesLikeViem() {
        assertThat(Hex.encode(Eip191.hashMessage("hello world"))).isEqualTo(HELLO_HASH);
        assertThat(Hex.encode(Eip191.hashMessage(UNICODE_TEXT))).isEqualTo(UNICODE_HASH);
    }

    @Test
    void signsLikeViem() {
        assertThat(Hex.encode(Eip191.sign(HARDHAT_0_KEY, "hello world"))).isEqualTo(HELLO_SIGNATURE);
        assertThat(Hex.encode(Eip191.sign(HARDHAT_0_KEY, UNICODE_TEXT))).isEqualTo(UNICODE_SIGNATURE);
    }

    @Test
    void recoversTheSigner() {
        Eip191Recovery recovery = Eip191.recover("hello world", Hex.decode(HELLO_SIGNATURE));
        assertThat(recovery.address()).isEqualTo(HARDHAT_0_ADDRESS);
        assertThat(recovery.normalizedSignature()).isEqualTo(Hex.decode(HELLO_SIGNATURE));
    }

    @Test
    void aDifferentTextRecoversADifferentAddress() {
        assertThat(Eip191.recover("hello world!", Hex.decode(HELLO_SIGNATURE)).address())
                .isNotEqualTo(HARDHAT_0_ADDRESS);
    }

    @Test
    void acceptsRecoveryBytesZeroAndOneAndEip155Values() {
        byte[] signature = Hex.decode(HELLO_SIGNATURE);
        int parity = signature[64] - 27;
        for (int v : new int[] {parity, 35 + parity, 37 + parity, 253 + parity}) {
            byte[] variant = signature.clone();
            variant[64] = (byte) v;
            assertThat(Eip191.recover("hello world", variant).address()).as("v=%d", v).isEqualTo(HARDHAT_0_ADDRESS);
        }
    }

    @Test
    void refusesRecoveryBytesOutsideTheKnownEncodings() {
        byte[] signature = Hex.decode(HELLO_SIGNATURE);
        for (int v : new int[] {2, 26, 29, 34}) {
            signature[64] = (byte) v;
            assertThatThrownBy(() -> Eip191.recover("hello world", signature))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("v is " + v);
        }
    }

    @Test
    void refusesWrongLengths() {
        assertThatThrownBy(() -> Eip191.recover("x", new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65 bytes")
                .hasMessageContaining("got 64");
        assertThatThrownBy(() -> Eip191.recover("x", new byte[66])).hasMessageContaining("got 66");
    }

    @Test
    void refusesZeroOrOutOfRangeScalars() {
        byte[] zeros = new byte[65];
        zeros[64] = 27;
        assertThatThrownBy(() -> Eip191.recover("x", zeros)).hasMessageContaining("between 1 and n-1");

        byte[] bigS = Hex.decode(HELLO_SIGNATURE);
        System.arraycopy(unsigned32(N), 0, bigS, 32, 32);
        assertThatThrownBy(() -> Eip191.recover("hello world", bigS)).hasMessageContaining("between 1 and n-1");
    }

    @Test
    void highSIsNormalisedWithoutTouchingV() {
        byte[] low = Hex.decode(HELLO_SIGNATURE);
        byte[] high = low.clone();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(low, 32, 64));
        System.arraycopy(unsigned32(N.subtract(s)), 0, high, 32, 32);

        Eip191Recovery recovery = Eip191.recover("hello world", high);

        assertThat(recovery.normalizedSignature()).isEqualTo(low);
        assertThat(recovery.address()).isEqualTo(HARDHAT_0_ADDRESS);
    }

    @Test
    void theTextbookMalleatedSignatureRecoversSomeoneElseAsInLibxmtp() {
        // (r, n-s, v^1) is the other valid signature for the same key. libxmtp lowers s but keeps v, so it
        // recovers a different key; matching that keeps us in step with what XMTP clients accept.
        byte[] low = Hex.decode(HELLO_SIGNATURE);
        byte[] malleated = low.clone();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(low, 32, 64));
        System.arraycopy(unsigned32(N.subtract(s)), 0, malleated, 32, 32);
        malleated[64] = (byte) (low[64] == 27 ? 28 : 27);

        assertThat(Eip191.recover("hello world", malleated).address()).isNotEqualTo(HARDHAT_0_ADDRESS);
    }

    @Test
    void refusesAnRThatIsNotOnTheCurve() {
        // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p).
        byte[] signature = Hex.decode(HELLO_SIGNATURE);
        java.util.Arrays.fill(signature, 0, 32, (byte) 0);
        signature[31] = 5;
        assertThatThrownBy(() -> Eip191.recover("hello world", signature))
                .hasMessageContaining("does not recover");
    }

    @Test
    void refusesBadPrivateKeys() {
        assertThatThrownBy(() -> Eip191.sign(new byte[31], "x")).hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> Eip191.sign(new byte[32], "x")).hasMessageContaining("between 1 and n-1");
    }

    static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
