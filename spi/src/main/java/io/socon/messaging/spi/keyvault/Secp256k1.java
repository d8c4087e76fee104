package io.socon.messaging.spi.keyvault;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * secp256k1 ECDSA in plain Java ({@link BigInteger}, affine coordinates): recoverable signatures with RFC 6979
 * deterministic nonces and low {@code s}, verification and public key recovery. The JDK dropped secp256k1 in
 * JDK 16, and {@code spi} may not depend on Bouncy Castle.
 *
 * <p>Correct but slow (milliseconds per operation) and not constant-time: fit for verification (public data)
 * and for the in-memory test vault, not for production signing with long-lived keys. Not part of the SPI.
 */
final class Secp256k1 {

    static final BigInteger P = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
    static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final BigInteger SEVEN = BigInteger.valueOf(7);
    static final Point G = new Point(
            new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16),
            new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16));

    /** A curve point in affine coordinates; {@code null} coordinates are the point at infinity. */
    record Point(BigInteger x, BigInteger y) {
        static final Point INFINITY = new Point(null, null);

        boolean infinite() {
            return x == null;
        }
    }

    private Secp256k1() {
    }

    static boolean isValidPrivateKey(BigInteger d) {
        return d.signum() > 0 && d.compareTo(N) < 0;
    }

    /** 65 bytes {@code 04 || x || y}. */
    static byte[] publicKey(BigInteger d) {
        return encode(multiply(G, d));
    }

    /**
     * Signs a 32-byte digest.
     *
     * @return 65 bytes {@code r || s || v}, {@code v} 27 or 28, {@code s} in the lower half of the order
     */
    static byte[] sign(BigInteger d, byte[] digest) {
        BigInteger z = new BigInteger(1, digest);
        BigInteger k = rfc6979Nonce(d, digest);
        while (true) {
            Point r = multiply(G, k);
            BigInteger rx = r.x().mod(N);
            BigInteger s = k.modInverse(N).multiply(z.add(rx.multiply(d))).mod(N);
            if (rx.signum() != 0 && s.signum() != 0) {
                int recovery = (r.y().testBit(0) ? 1 : 0) | (r.x().compareTo(N) >= 0 ? 2 : 0);
                if (s.compareTo(HALF_N) > 0) {
                    s = N.subtract(s);
                    recovery ^= 1;
                }
                byte[] out = new byte[65];
                System.arraycopy(fixed32(rx), 0, out, 0, 32);
                System.arraycopy(fixed32(s), 0, out, 32, 32);
                out[64] = (byte) (27 + recovery);
                return out;
            }
            k = k.add(BigInteger.ONE); // probability 2^-256; never reached in practice
        }
    }

    /** Whether {@code r || s} (the first 64 bytes of {@code signature}) is valid for the digest and public key. */
    static boolean verify(byte[] publicKey, byte[] digest, byte[] signature) {
        Point q = decode(publicKey);
        if (q == null || signature.length < 64) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger z = new BigInteger(1, digest);
        BigInteger w = s.modInverse(N);
        Point x = add(multiply(G, z.multiply(w).mod(N)), multiply(q, r.multiply(w).mod(N)));
        return !x.infinite() && x.x().mod(N).equals(r);
    }

    /**
     * The public key ({@code 04 || x || y}) that made a 65-byte signature over the digest, or null. {@code v}
     * may be 0/1 or 27/28.
     */
    static byte[] recover(byte[] digest, byte[] signature) {
        if (signature.length != 65) {
            return null;
        }
        int v = signature[64] & 0xff;
        int recovery = v >= 27 ? v - 27 : v;
        if (recovery < 0 || recovery > 3) {
            return null;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            return null;
        }
        BigInteger x = (recovery & 2) != 0 ? r.add(N) : r;
        if (x.compareTo(P) >= 0) {
            return null;
        }
        BigInteger y = sqrt(x.pow(3).add(SEVEN).mod(P));
        if (y == null) {
            return null;
        }
        if (y.testBit(0) != ((recovery & 1) != 0)) {
            y = P.subtract(y);
        }
        Point bigR = new Point(x, y);
        BigInteger z = new BigInteger(1, digest);
        BigInteger rInverse = r.modInverse(N);
        Point q = add(multiply(bigR, s.multiply(rInverse).mod(N)),
                multiply(G, N.subtract(z.mod(N)).multiply(rInverse).mod(N)));
        return q.infinite() ? null : encode(q);
    }

    /** Decodes 65-byte uncompressed SEC1, checking the point is on the curve; null if not. */
    static Point decode(byte[] publicKey) {
        if (publicKey == null || publicKey.length != 65 || publicKey[0] != 0x04) {
            return null;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(publicKey, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(publicKey, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0
                || !y.multiply(y).mod(P).equals(x.pow(3).add(SEVEN).mod(P))) {
            return null;
        }
        return new Point(x, y);
    }

    static byte[] encode(Point point) {
        byte[] out = new byte[65];
        out[0] = 0x04;
        System.arraycopy(fixed32(point.x()), 0, out, 1, 32);
        System.arraycopy(fixed32(point.y()), 0, out, 33, 32);
        return out;
    }

    static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static BigInteger sqrt(BigInteger a) {
        BigInteger y = a.modPow(P.add(BigInteger.ONE).shiftRight(2), P); // p = 3 mod 4
        return y.multiply(y).mod(P).equals(a) ? y : null;
    }

    private static Point add(Point a, Point b) {
        if (a.infinite()) {
            return b;
        }
        if (b.infinite()) {
            return a;
        }
        BigInteger lambda;
        if (a.x().equals(b.x())) {
            if (!a.y().equals(b.y()) || a.y().signum() == 0) {
                return Point.INFINITY;
            }
            lambda = a.x().pow(2).multiply(BigInteger.valueOf(3))
                    .multiply(a.y().shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = b.y().subtract(a.y()).multiply(b.x().subtract(a.x()).modInverse(P)).mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(a.x()).subtract(b.x()).mod(P);
        BigInteger y = lambda.multiply(a.x().subtract(x)).subtract(a.y()).mod(P);
        return new Point(x, y);
    }

    private static Point multiply(Point point, BigInteger k) {
        Point result = Point.INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    /** RFC 6979 section 3.2 with HMAC-SHA256 (qlen = hlen = 256). */
    private static BigInteger rfc6979Nonce(BigInteger d, byte[] digest) {
        byte[] x = fixed32(d);
        byte[] h = fixed32(new BigInteger(1, digest).mod(N));
        byte[] v = new byte[32];
        Arrays.fill(v, (byte) 1);
        byte[] k = new byte[32];
        k = hmac(k, v, new byte[] {0}, x, h);
        v = hmac(k, v);
        k = hmac(k, v, new byte[] {1}, x, h);
        v = hmac(k, v);
        while (true) {
            v = hmac(k, v);
            BigInteger candidate = new BigInteger(1, v);
            if (candidate.signum() > 0 && candidate.compareTo(N) < 0) {
                return candidate;
            }
            k = hmac(k, v, new byte[] {0});
            v = hmac(k, v);
        }
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
