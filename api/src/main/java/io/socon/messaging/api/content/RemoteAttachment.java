package io.socon.messaging.api.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file stored outside XMTP, encrypted, with what a receiver needs to fetch and decrypt it
 * ({@code xmtp.org/remoteStaticAttachment:1.0}). The file is encrypted with AES-256-GCM under a key derived
 * (HKDF-SHA256) from {@code secret} and {@code salt}; {@code contentDigest} is the SHA-256 of the encrypted
 * bytes, so a receiver can check what it downloaded.
 *
 * <p>The key material is secret: whoever reads this record can read the file. The record's {@code toString}
 * leaves it out.
 *
 * @param url where the encrypted file is; {@code https} only
 * @param contentDigest lowercase hex SHA-256 of the encrypted bytes
 * @param secret 32 bytes
 * @param salt 32 bytes
 * @param nonce 12 bytes, the AES-GCM nonce
 * @param contentLength the size of the decrypted file, if known
 * @param filename the file's name, if known
 */
@io.socon.messaging.api.Beta
public record RemoteAttachment(URI url, String contentDigest, byte[] secret, byte[] salt, byte[] nonce,
        OptionalLong contentLength, Optional<String> filename) implements Content {

    /** @throws InvalidValueException if the URL is not https or a component has the wrong form or length */
    public RemoteAttachment {
        ContentChecks.notNull(url, "url");
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "a remote attachment URL must be an absolute https URL, got " + url);
        }
        ContentChecks.notNull(contentDigest, "contentDigest");
        if (!contentDigest.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "contentDigest is the hex SHA-256 of the encrypted file (64 hex digits)");
        }
        contentDigest = contentDigest.toLowerCase(Locale.ROOT);
        secret = ContentChecks.bytes(secret, 32, "secret");
        salt = ContentChecks.bytes(salt, 32, "salt");
        nonce = ContentChecks.bytes(nonce, 12, "nonce");
        ContentChecks.notNull(contentLength, "contentLength");
        ContentChecks.notNull(filename, "filename");
        if (contentLength.isPresent() && contentLength.getAsLong() < 0) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "contentLength must not be negative");
        }
    }

    /** A copy of the secret. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** A copy of the nonce. */
    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public ContentType type() {
        return ContentType.REMOTE_ATTACHMENT_V1;
    }

    @Override
    public Optional<String> fallback() {
        return Optional.of("Can’t display “" + filename.orElse("a file")
                + "”. This app doesn’t support remote attachments.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteAttachment r && url.equals(r.url) && contentDigest.equals(r.contentDigest)
                && Arrays.equals(secret, r.secret) && Arrays.equals(salt, r.salt) && Arrays.equals(nonce, r.nonce)
                && contentLength.equals(r.contentLength) && filename.equals(r.filename);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, contentDigest, Arrays.hashCode(secret), Arrays.hashCode(salt),
                Arrays.hashCode(nonce), contentLength, filename);
    }

    @Override
    public String toString() {
        return "RemoteAttachment[url=" + url + ", contentDigest=" + contentDigest + ", contentLength="
                + contentLength + ", filename=" + filename + ", key material hidden]";
    }
}
