package io.socon.messaging.impl.client.content;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Encrypts a file for upload as a remote attachment, and decrypts a downloaded one, as XMTP does:
 * <ol>
 * <li>the file is encoded as {@code xmtp.org/attachment:1.0} {@code EncodedContent} and serialized;</li>
 * <li>a random 32-byte secret, 32-byte salt and 12-byte nonce are drawn;</li>
 * <li>the key is HKDF-SHA256 of the secret, with the salt and empty info, 32 bytes long;</li>
 * <li>the serialized content is sealed with AES-256-GCM under that key and nonce, no associated data, with a
 * 16-byte tag appended;</li>
 * <li>the content digest is the lowercase hex SHA-256 of the sealed bytes.</li>
 * </ol>
 * libxmtp sets {@code contentLength} to the length of the sealed bytes, and so does {@link #encrypt}.
 */
public final class RemoteAttachmentCrypto {

    static final int SECRET_BYTES = 32;
    static final int SALT_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private static final ContentType TYPE = ContentType.REMOTE_ATTACHMENT_V1;

    private final SecureRandom random;

    /** Uses a new {@link SecureRandom}. */
    public RemoteAttachmentCrypto() {
        this(new SecureRandom());
    }

    /** Uses {@code random} for the secret, salt and nonce (tests pass a seeded one). */
    public RemoteAttachmentCrypto(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A file sealed for upload: upload {@link #payload()} and send {@link #describe(URI)}.
     *
     * @param payload the sealed bytes
     * @param contentDigest lowercase hex SHA-256 of the payload
     * @param secret the 32-byte secret the key is derived from
     * @param salt the 32-byte HKDF salt
     * @param nonce the 12-byte AES-GCM nonce
     * @param filename the file's name
     */
    public record EncryptedAttachment(byte[] payload, String contentDigest, byte[] secret, byte[] salt, byte[] nonce,
            String filename) {

        /** Copies the arrays in; the accessors copy them out. */
        public EncryptedAttachment {
            payload = payload.clone();
            secret = secret.clone();
            salt = salt.clone();
            nonce = nonce.clone();
            Objects.requireNonNull(contentDigest, "contentDigest");
            Objects.requireNonNull(filename, "filename");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        /** The message content that points at the uploaded payload. */
        public RemoteAttachment describe(URI url) {
            return new RemoteAttachment(url, contentDigest, secret, salt, nonce, OptionalLong.of(payload.length),
                    Optional.of(filename));
        }

        @Override
        public String toString() {
            return "EncryptedAttachment[" + payload.length + " bytes, contentDigest=" + contentDigest
                    + ", filename=" + filename + ", key material hidden]";
        }
    }

    /** Seals {@code attachment} with fresh key material. */
    public EncryptedAttachment encrypt(Attachment attachment) {
        byte[] secret = randomBytes(SECRET_BYTES);
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        byte[] plain = new AttachmentCodec().encode(attachment).toByteArray();
        byte[] payload = aesGcm(Cipher.ENCRYPT_MODE, deriveKey(secret, salt), nonce, plain);
        return new EncryptedAttachment(payload, Hex.encode(sha256(payload)), secret, salt, nonce,
                attachment.filename());
    }

    /**
     * Checks the digest of downloaded bytes, opens them and reads the attachment inside.
     *
     * @throws ContentCodecException if the digest differs, the key or bytes are wrong (the GCM tag fails), or the
     *     plaintext is not an attachment
     */
    public Attachment decrypt(byte[] payload, RemoteAttachment remote) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(remote, "remote");
        String actual = Hex.encode(sha256(payload));
        if (!actual.equals(remote.contentDigest())) {
            throw ContentCodecException.malformed(TYPE, "the downloaded file's SHA-256 is " + actual
                    + " but the message says " + remote.contentDigest() + "; it was changed or is another file");
        }
        byte[] plain;
        try {
            plain = aesGcm(Cipher.DECRYPT_MODE, deriveKey(remote.secret(), remote.salt()), remote.nonce(), payload);
        } catch (ContentCodecException e) {
            throw ContentCodecException.malformed(TYPE,
                    "the downloaded file does not open with the message's secret, salt and nonce", e);
        }
        EncodedContent encoded;
        try {
            encoded = EncodedContent.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(TYPE, "the decrypted file is not an EncodedContent protobuf", e);
        }
        AttachmentCodec codec = new AttachmentCodec();
        ContentType inner = Encoded.typeOf(encoded);
        if (!inner.sameTypeAs(codec.contentType())) {
            throw ContentCodecException.malformed(TYPE, "the decrypted file holds " + inner + ", not an attachment");
        }
        return codec.decode(encoded);
    }

    static byte[] deriveKey(byte[] secret, byte[] salt) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, salt, new byte[0]));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw ContentCodecException.malformed(TYPE, "the AES-GCM tag does not match", e);
        } catch (GeneralSecurityException e) {
            throw ContentCodecException.malformed(TYPE, "AES-256-GCM failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
