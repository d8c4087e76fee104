package io.socon.messaging.impl.mls.crypto;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * An X25519 key pair, the HPKE key type of MLS cipher suite 3 (DHKEM(X25519, HKDF-SHA256)): key package init
 * keys and leaf encryption keys. {@link #toString()} never shows the private key.
 */
public final class X25519KeyPair {

    /** Size of a private and of a public key, in bytes. */
    public static final int KEY_SIZE = 32;

    private final X25519PrivateKeyParameters privateKey;
    private final Bytes publicKey;

    private X25519KeyPair(X25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Bytes.copyOf(privateKey.generatePublicKey().getEncoded());
    }

    /** A new random key pair. */
    public static X25519KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new X25519KeyPair(new X25519PrivateKeyParameters(random));
    }

    /**
     * The key pair of a stored private key.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public static X25519KeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("an X25519 private key has " + KEY_SIZE + " bytes");
        }
        return new X25519KeyPair(new X25519PrivateKeyParameters(privateKey, 0));
    }

    /** Wraps Bouncy Castle's private key; for this package's HPKE code. */
    static X25519KeyPair of(X25519PrivateKeyParameters privateKey) {
        return new X25519KeyPair(privateKey);
    }

    /** Bouncy Castle's private key; for this package's HPKE code only. */
    X25519PrivateKeyParameters privateParameters() {
        return privateKey;
    }

    /** The 32-byte public key. */
    public Bytes publicKey() {
        return publicKey;
    }

    /** A copy of the 32-byte private key, for storing it; handle with care. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "X25519KeyPair[public=" + publicKey.toHex() + "]";
    }
}
