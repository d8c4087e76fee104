package io.socon.messaging.impl.mls.crypto;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * HPKE (RFC 9180) in base mode for MLS cipher suite 3: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * ChaCha20-Poly1305, with the labelled forms of RFC 9420 section 5.1.3.
 *
 * <p>Single-shot: each seal sets up a fresh context with a fresh ephemeral key and encrypts one message, as
 * MLS uses HPKE. Built on Bouncy Castle's {@link HPKE}; thread-safe.
 */
public final class Hpke {

    /** Nenc: size of the KEM output (an X25519 public key). */
    public static final int ENC_LENGTH = 32;

    private static final byte[] EMPTY = new byte[0];

    private Hpke() {
    }

    /**
     * SealBase: encrypts {@code plaintext} to {@code recipientPublicKey} with a fresh ephemeral key from
     * {@code random}.
     */
    public static HpkeCiphertext seal(Bytes recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext,
                                      SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return seal(recipientPublicKey, info, aad, plaintext, X25519KeyPair.generate(random));
    }

    /**
     * SealBase with a given ephemeral key. Reusing an ephemeral key breaks HPKE's security: this exists for
     * deterministic tests and known-answer checks.
     */
    public static HpkeCiphertext seal(Bytes recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext,
                                      X25519KeyPair ephemeral) {
        X25519PublicKeyParameters recipient = publicKey(recipientPublicKey);
        X25519PrivateKeyParameters ephemeralPrivate = ephemeral.privateParameters();
        AsymmetricCipherKeyPair ephemeralPair = new AsymmetricCipherKeyPair(
                ephemeralPrivate.generatePublicKey(), ephemeralPrivate);
        HPKEContextWithEncapsulation context;
        try {
            context = newHpke().setupBaseS(recipient, info, ephemeralPair);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MlsCryptoException("HPKE encapsulation failed (invalid public key?)", e);
        }
        try {
            byte[] ciphertext = context.seal(aad, plaintext);
            return new HpkeCiphertext(Bytes.copyOf(context.getEncapsulation()), Bytes.copyOf(ciphertext));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
    }

    /**
     * OpenBase: decrypts {@code ciphertext} with the recipient's key pair.
     *
     * @throws MlsCryptoException if the KEM output is malformed or the ciphertext does not authenticate
     */
    public static byte[] open(X25519KeyPair recipient, byte[] info, byte[] aad, HpkeCiphertext ciphertext) {
        if (ciphertext.kemOutput().length() != ENC_LENGTH) {
            throw new MlsCryptoException("HPKE KEM output must have " + ENC_LENGTH + " bytes");
        }
        X25519PrivateKeyParameters privateKey = recipient.privateParameters();
        AsymmetricCipherKeyPair pair = new AsymmetricCipherKeyPair(privateKey.generatePublicKey(), privateKey);
        try {
            HPKEContext context = newHpke().setupBaseR(ciphertext.kemOutput().toByteArray(), pair, info);
            return context.open(aad, ciphertext.ciphertext().toByteArray());
        } catch (InvalidCipherTextException e) {
            throw new MlsCryptoException("HPKE ciphertext did not authenticate", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MlsCryptoException("HPKE decapsulation failed", e);
        }
    }

    /**
     * EncryptWithLabel(public_key, label, context, plaintext) = SealBase(public_key, EncryptContext, "",
     * plaintext), where {@code struct { opaque label<V> = "MLS 1.0 " + label; opaque context<V>; }
     * EncryptContext}.
     */
    public static HpkeCiphertext encryptWithLabel(Bytes publicKey, String label, byte[] context, byte[] plaintext,
                                                  SecureRandom random) {
        return seal(publicKey, encryptContext(label, context), EMPTY, plaintext, random);
    }

    /** EncryptWithLabel with a given ephemeral key; for deterministic tests only. */
    public static HpkeCiphertext encryptWithLabel(Bytes publicKey, String label, byte[] context, byte[] plaintext,
                                                  X25519KeyPair ephemeral) {
        return seal(publicKey, encryptContext(label, context), EMPTY, plaintext, ephemeral);
    }

    /**
     * DecryptWithLabel(private_key, label, context, kem_output, ciphertext).
     *
     * @throws MlsCryptoException if decryption fails
     */
    public static byte[] decryptWithLabel(X25519KeyPair privateKey, String label, byte[] context,
                                          HpkeCiphertext ciphertext) {
        return open(privateKey, encryptContext(label, context), EMPTY, ciphertext);
    }

    /**
     * DeriveKeyPair(ikm) of RFC 9180 for DHKEM(X25519, HKDF-SHA256): the key pair RFC 9420 derives from a
     * node secret (section 7.4) or the external secret (section 8).
     */
    public static X25519KeyPair deriveKeyPair(byte[] ikm) {
        AsymmetricCipherKeyPair pair = newHpke().deriveKeyPair(ikm);
        return X25519KeyPair.of((X25519PrivateKeyParameters) pair.getPrivate());
    }

    /** The encoded EncryptContext structure for {@code label} (without prefix) and {@code context}. */
    public static byte[] encryptContext(String label, byte[] context) {
        byte[] fullLabel = (Kdf.LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        return new TlsWriter(fullLabel.length + context.length + 8)
                .writeOpaque(fullLabel)
                .writeOpaque(context)
                .toByteArray();
    }

    private static X25519PublicKeyParameters publicKey(Bytes encoded) {
        if (encoded.length() != X25519KeyPair.KEY_SIZE) {
            throw new MlsCryptoException("an X25519 public key has " + X25519KeyPair.KEY_SIZE + " bytes");
        }
        return new X25519PublicKeyParameters(encoded.toByteArray(), 0);
    }

    private static HPKE newHpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
                HPKE.aead_CHACHA20_POLY1305);
    }
}
