package io.socon.messaging.impl.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * EIP-191 version 0x45 ("personal_sign"): what a wallet signs when XMTP asks it to sign a text.
 *
 * <p>The hash is keccak-256 of {@code "\x19Ethereum Signed Message:\n" + byteLength + message}. Signatures are
 * 65 bytes {@code r || s || v}.
 *
 * <p>Recovery follows libxmtp ({@code to_lower_s} in {@code xmtp_id/src/associations/signature.rs}, then alloy's
 * {@code Signature::try_from} and {@code recover_address_from_msg}) so that this project accepts exactly the
 * signatures XMTP clients accept:
 * <ul>
 *   <li>r and s must be in {@code [1, n-1]};</li>
 *   <li>a high s is replaced by {@code n - s} <em>without</em> touching v, and those normalised bytes are the
 *       signature's identity for replay detection;</li>
 *   <li>v may be 27/28, 0/1, or an EIP-155 value of 35 or more (odd parity for 28, 1 and even values from 36);
 *       2 to 26 and 29 to 34 are refused.</li>
 * </ul>
 */
public final class Eip191 {

    /** Length of {@code r || s || v}. */
    public static final int SIGNATURE_LENGTH = 65;

    private Eip191() {
    }

    /** The EIP-191 hash of raw message bytes. */
    public static byte[] hashMessage(byte[] message) {
        Objects.requireNonNull(message, "message");
        return Sign.getEthereumMessageHash(message);
    }

    /** The EIP-191 hash of a text, encoded as UTF-8. */
    public static byte[] hashMessage(String text) {
        Objects.requireNonNull(text, "text");
        return hashMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signs a text as a wallet's {@code personal_sign} would: deterministic (RFC 6979), low s, v = 27 or 28.
     *
     * @param privateKey 32-byte secp256k1 private key; it is not kept
     * @return 65 bytes {@code r || s || v}
     */
    public static byte[] sign(byte[] privateKey, String text) {
        Objects.requireNonNull(text, "text");
        ECKeyPair keyPair = ECKeyPair.create(Secp256k1.privateKeyScalar(privateKey));
        Sign.SignatureData data = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), keyPair);
        byte[] signature = new byte[SIGNATURE_LENGTH];
        System.arraycopy(data.getR(), 0, signature, 0, 32);
        System.arraycopy(data.getS(), 0, signature, 32, 32);
        signature[64] = data.getV()[0];
        return signature;
    }

    /**
     * Recovers the address that signed a text.
     *
     * <p>A valid signature always recovers <em>some</em> address; whether it is the expected one is the caller's
     * check.
     *
     * @throws IllegalArgumentException if the signature is not 65 bytes, r or s is out of range, v is not an
     *     accepted value, or r is not the x-coordinate of a curve point
     */
    public static Eip191Recovery recover(String text, byte[] signature) {
        Objects.requireNonNull(text, "text");
        byte[] normalized = normalizeLowS(signature);
        int yParity = yParity(normalized[64] & 0xff);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(normalized, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(normalized, 32, 64));
        BigInteger publicKey = Secp256k1.recoverPublicKey(yParity, r, s, hashMessage(text));
        if (publicKey == null) {
            throw new IllegalArgumentException("the ECDSA signature does not recover to a public key "
                    + "(its r is not the x-coordinate of a secp256k1 point for this v)");
        }
        return new Eip191Recovery(EthereumAddresses.fromPublicKey(publicKey), normalized);
    }

    /**
     * Returns the signature with s replaced by {@code n - s} when s is in the upper half of the curve order, and
     * v left as it was (libxmtp's behaviour, see the class comment).
     *
     * @throws IllegalArgumentException if the signature is not 65 bytes or r or s is not in {@code [1, n-1]}
     */
    public static byte[] normalizeLowS(byte[] signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("an EIP-191 signature is 65 bytes (r || s || v), got "
                    + signature.length + " bytes");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (!Secp256k1.isValidScalar(r) || !Secp256k1.isValidScalar(s)) {
            throw new IllegalArgumentException("the ECDSA signature's r and s must both be between 1 and n-1");
        }
        byte[] normalized = signature.clone();
        if (s.compareTo(Secp256k1.HALF_ORDER) > 0) {
            byte[] lowS = toUnsigned32(Secp256k1.ORDER.subtract(s));
            System.arraycopy(lowS, 0, normalized, 32, 32);
        }
        return normalized;
    }

    private static int yParity(int v) {
        if (v == 0 || v == 27) {
            return 0;
        }
        if (v == 1 || v == 28) {
            return 1;
        }
        if (v >= 35) {
            return (v - 35) % 2;
        }
        throw new IllegalArgumentException("the signature's recovery byte v is " + v
                + "; expected 27 or 28 (0 or 1, or an EIP-155 value of 35 or more, are also accepted)");
    }

    private static byte[] toUnsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
