package io.socon.messaging.spi.keyvault;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Raw 32-byte Ed25519 and X25519 keys with the JDK's providers (JDK 15+). Not part of the SPI.
 */
final class JdkKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows. */
    private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER prefix of an X25519 SubjectPublicKeyInfo (RFC 8410). */
    private static final byte[] X25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private JdkKeys() {
    }

    static String algorithm(KeyKind kind) {
        return switch (kind) {
            case ED25519 -> "Ed25519";
            case X25519 -> "X25519";
            default -> throw new IllegalArgumentException(kind + " is not a JDK EdDSA/XDH kind");
        };
    }

    /** A fresh key pair. */
    static KeyPair generate(KeyKind kind, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm(kind));
        generator.initialize(new NamedParameterSpec(algorithm(kind)), random);
        return generator.generateKeyPair();
    }

    /**
     * The key pair of a known 32-byte private key. The JDK has no public "derive the public key" call, but its
     * EdDSA and XDH generators take the private key as the next 32 random bytes and compute the public key, so
     * a random source that yields exactly {@code privateKey} gives the pair (checked against the RFC 8032 and
     * RFC 7748 vectors by the conformance kit).
     */
    static KeyPair fromPrivate(KeyKind kind, byte[] privateKey) throws GeneralSecurityException {
        return generate(kind, new FixedRandom(privateKey));
    }

    /** The raw 32-byte public key of a JDK Ed25519 or X25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** A JDK public key from 32 raw bytes. */
    static PublicKey publicKey(KeyKind kind, byte[] raw) throws GeneralSecurityException {
        byte[] prefix = kind == KeyKind.ED25519 ? ED25519_SPKI : X25519_SPKI;
        byte[] spki = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        return KeyFactory.getInstance(algorithm(kind)).generatePublic(new X509EncodedKeySpec(spki));
    }

    /** Yields the given bytes once, then refuses: a generator that asks for more is not the expected one. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private transient byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] out) {
            if (bytes == null || out.length != bytes.length) {
                throw new IllegalStateException("the JDK key generator asked for " + out.length
                        + " random bytes; expected one request of 32");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            Arrays.fill(bytes, (byte) 0);
            bytes = null;
        }
    }
}
