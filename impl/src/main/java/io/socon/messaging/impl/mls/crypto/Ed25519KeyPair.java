package io.socon.messaging.impl.mls.crypto;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signature key pair, the signature scheme of MLS cipher suite 3 (RFC 8032, pure Ed25519 without
 * context). In XMTP the public key is the installation key. {@link #toString()} never shows the private key.
 */
public final class Ed25519KeyPair {

    /** Size of a private key (the seed) and of a public key, in bytes. */
    public static final int KEY_SIZE = 32;

    /** Size of a signature in bytes. */
    public static final int SIGNATURE_SIZE = 64;

    private final Ed25519PrivateKeyParameters privateKey;
    private final Bytes publicKey;

    private Ed25519KeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Bytes.copyOf(privateKey.generatePublicKey().getEncoded());
    }

    /** A new random key pair. */
    public static Ed25519KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(random));
    }

    /**
     * The key pair of a stored private key (the 32-byte seed of RFC 8032).
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has " + KEY_SIZE + " bytes");
        }
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(privateKey, 0));
    }

    /** The 32-byte public key. */
    public Bytes publicKey() {
        return publicKey;
    }

    /** A copy of the 32-byte private key, for storing it; handle with care. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    /** Signs {@code message} with pure Ed25519 and returns the 64-byte signature. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Whether {@code signature} is a valid pure Ed25519 signature of {@code message} under {@code publicKey}.
     * Keys or signatures of the wrong size, and keys that are not valid curve points, do not verify.
     *
     * <p>As strict as ed25519-dalek's {@code verify_strict}, which OpenMLS uses: besides what Bouncy Castle
     * refuses (non-canonical encodings, S out of range, public keys of small order), a signature whose
     * nonce point R has small order is refused, although the RFC 8032 equation can hold for it.
     */
    public static boolean verify(Bytes publicKey, byte[] message, Bytes signature) {
        if (publicKey.length() != KEY_SIZE || signature.length() != SIGNATURE_SIZE) {
            return false;
        }
        byte[] signatureBytes = signature.toByteArray();
        if (!Ed25519.validatePublicKeyPartial(signatureBytes, 0)) {
            return false; // R is not a curve point of large order
        }
        return Ed25519.verify(signatureBytes, 0, publicKey.toByteArray(), 0, message, 0, message.length);
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicKey.toHex() + "]";
    }
}
