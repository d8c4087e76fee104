package io.socon.messaging.impl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;

/**
 * Ed25519ph (RFC 8032 section 5.1, SHA-512 prehash) with a context string, as XMTP installation keys use it.
 *
 * <p>Keys are the raw 32-byte seed and the 32-byte compressed public point; signatures are 64 bytes. The context
 * is at most 255 bytes. For identity updates the context is {@link #IDENTITY_UPDATE_CONTEXT}.
 */
public final class Ed25519ph {

    /** Length of a private key seed and of a public key. */
    public static final int KEY_LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    /**
     * The context XMTP installation keys sign identity updates with: the 25 ASCII bytes of this text (libxmtp
     * {@code xmtp_id/src/constants.rs}, {@code INSTALLATION_KEY_SIGNATURE_CONTEXT}).
     */
    public static final String IDENTITY_UPDATE_CONTEXT = "IDENTITY UPDATE SIGNATURE";

    private static final byte[] IDENTITY_UPDATE_CONTEXT_BYTES =
            IDENTITY_UPDATE_CONTEXT.getBytes(StandardCharsets.US_ASCII);

    private Ed25519ph() {
    }

    /** A copy of the identity-update context bytes. */
    public static byte[] identityUpdateContext() {
        return IDENTITY_UPDATE_CONTEXT_BYTES.clone();
    }

    /** Generates a fresh 32-byte private key seed. */
    public static byte[] generatePrivateKey(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new Ed25519PrivateKeyParameters(random).getEncoded();
    }

    /** The public key for a 32-byte private key seed. */
    public static byte[] publicKey(byte[] privateKey) {
        return privateKeyParameters(privateKey).generatePublicKey().getEncoded();
    }

    /** Whether 32 bytes decode to a point on the curve (a usable public key). */
    public static boolean isValidPublicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != KEY_LENGTH) {
            return false;
        }
        try {
            new Ed25519PublicKeyParameters(publicKey, 0);
            return true;
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
    }

    /**
     * Signs a message: SHA-512 of the message, then Ed25519ph with the context.
     *
     * @param privateKey 32-byte seed; it is not kept
     * @return 64 bytes
     */
    public static byte[] sign(byte[] privateKey, byte[] context, byte[] message) {
        Objects.requireNonNull(message, "message");
        Ed25519phSigner signer = new Ed25519phSigner(checkedContext(context));
        signer.init(true, privateKeyParameters(privateKey));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /**
     * Verifies a signature made by {@link #sign}.
     *
     * @return whether the signature is valid for that key, context and message
     * @throws IllegalArgumentException if the public key is not 32 bytes or not a curve point, the signature is
     *     not 64 bytes, or the context is longer than 255 bytes
     */
    public static boolean verify(byte[] publicKey, byte[] context, byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 signature is 64 bytes, got " + signature.length + " bytes");
        }
        Ed25519phSigner verifier = new Ed25519phSigner(checkedContext(context));
        verifier.init(false, publicKeyParameters(publicKey));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static byte[] checkedContext(byte[] context) {
        Objects.requireNonNull(context, "context");
        if (context.length > 255) {
            throw new IllegalArgumentException("an Ed25519ph context is at most 255 bytes, got " + context.length);
        }
        return context.clone();
    }

    private static Ed25519PrivateKeyParameters privateKeyParameters(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 private key is 32 bytes, got " + privateKey.length + " bytes");
        }
        return new Ed25519PrivateKeyParameters(privateKey, 0);
    }

    private static Ed25519PublicKeyParameters publicKeyParameters(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key is 32 bytes, got " + publicKey.length + " bytes");
        }
        try {
            return new Ed25519PublicKeyParameters(publicKey, 0);
        } catch (IllegalArgumentException notAPoint) {
            throw new IllegalArgumentException("the 32 bytes are not an Ed25519 public key (not a curve point)",
                    notAPoint);
        }
    }
}
