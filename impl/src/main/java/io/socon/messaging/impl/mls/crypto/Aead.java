package io.socon.messaging.impl.mls.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD of MLS cipher suite 3: ChaCha20-Poly1305 (RFC 8439) with 32-byte keys, 12-byte nonces and a
 * 16-byte tag appended to the ciphertext.
 *
 * <p>Uses the JDK's implementation, which has intrinsics on current JDKs. A fresh {@link Cipher} is taken per
 * call, so the methods are thread-safe, and the JDK's check against encrypting twice under one key and nonce
 * with the same instance never fires for legitimate use; nonce uniqueness is the caller's duty (the secret
 * tree guarantees it).
 */
public final class Aead {

    /** Nk: key size in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Nn: nonce size in bytes. */
    public static final int NONCE_LENGTH = 12;

    /** Size of the authentication tag in bytes. */
    public static final int TAG_LENGTH = 16;

    private static final String TRANSFORMATION = "ChaCha20-Poly1305";

    private Aead() {
    }

    /** Encrypts {@code plaintext}; returns the ciphertext followed by the tag. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return seal(key, nonce, aad, plaintext, 0, plaintext.length);
    }

    /** Encrypts {@code length} bytes of {@code plaintext} from {@code offset}; returns ciphertext and tag. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        try {
            Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce, aad);
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    /**
     * Decrypts and authenticates {@code ciphertext} (with its tag).
     *
     * @throws MlsCryptoException if the tag does not verify
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        return open(key, nonce, aad, ciphertext, 0, ciphertext.length);
    }

    /**
     * Decrypts and authenticates {@code length} bytes of {@code ciphertext} from {@code offset}.
     *
     * @throws MlsCryptoException if the input is shorter than a tag or the tag does not verify
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, ciphertext.length);
        if (length < TAG_LENGTH) {
            throw new MlsCryptoException("AEAD ciphertext shorter than its tag");
        }
        try {
            Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonce, aad);
            return cipher.doFinal(ciphertext, offset, length);
        } catch (AEADBadTagException e) {
            throw new MlsCryptoException("AEAD authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher;
    }
}
