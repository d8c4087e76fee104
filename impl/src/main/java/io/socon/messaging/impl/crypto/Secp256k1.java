package io.socon.messaging.impl.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/** The secp256k1 arithmetic that web3j leaves to its callers: range checks, low-s, safe recovery. */
final class Secp256k1 {

    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    static final BigInteger ORDER = CURVE.getN();
    static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

    private Secp256k1() {
    }

    /** Checks that 32 bytes are a usable private key and returns them as a scalar. */
    static BigInteger privateKeyScalar(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != 32) {
            throw new IllegalArgumentException(
                    "a secp256k1 private key is 32 bytes, got " + privateKey.length + " bytes");
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(ORDER) >= 0) {
            throw new IllegalArgumentException("a secp256k1 private key must be between 1 and n-1");
        }
        return d;
    }

    /** Whether a scalar is a valid signature component, {@code 1 <= x < n}. */
    static boolean isValidScalar(BigInteger x) {
        return x.signum() > 0 && x.compareTo(ORDER) < 0;
    }

    /**
     * Recovers the public key ({@code x || y} as a 512-bit integer) for a signature over a 32-byte hash.
     *
     * @return the key, or {@code null} if r is not the x-coordinate of a curve point or the result would be the
     *     point at infinity (web3j returns the "key" 0 in that case, which must never become an address)
     */
    static BigInteger recoverPublicKey(int yParity, BigInteger r, BigInteger s, byte[] hash) {
        BigInteger key;
        try {
            key = Sign.recoverFromSignature(yParity, new ECDSASignature(r, s), hash);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        if (key == null || key.signum() == 0) {
            return null;
        }
        return key;
    }

    /** Decodes a SEC1 public key (33-byte compressed or 65-byte uncompressed) to {@code x || y}. */
    static byte[] uncompressedXy(byte[] sec1) {
        Objects.requireNonNull(sec1, "sec1");
        boolean compressed = sec1.length == 33 && (sec1[0] == 0x02 || sec1[0] == 0x03);
        boolean uncompressed = sec1.length == 65 && sec1[0] == 0x04;
        if (!compressed && !uncompressed) {
            throw new IllegalArgumentException("a SEC1 secp256k1 public key is 33 bytes starting 02/03 or 65 bytes "
                    + "starting 04, got " + sec1.length + " bytes");
        }
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(sec1).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the bytes are not a point on secp256k1", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("the bytes are not a point on secp256k1");
        }
        byte[] encoded = point.getEncoded(false);
        return java.util.Arrays.copyOfRange(encoded, 1, 65);
    }
}
