package io.socon.messaging.impl.client.content;

import com.google.protobuf.ByteString;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code xmtp.org/remoteStaticAttachment:1.0}: the URL as UTF-8 content; the parameters {@code contentDigest}
 * (hex SHA-256 of the encrypted file), {@code salt}, {@code nonce} and {@code secret} (lowercase hex),
 * {@code scheme}, then {@code contentLength} and {@code filename} when known, in the order of XMTP's JavaScript
 * codec.
 *
 * <p>Our {@link RemoteAttachment} has no scheme: {@value #SCHEME} is written (what XMTP's own chat app sends) and
 * the parameter is ignored when reading, since the URL says it. {@link RemoteAttachmentCrypto} encrypts and
 * decrypts the file itself.
 */
public final class RemoteAttachmentCodec implements ContentCodec<RemoteAttachment> {

    static final String SCHEME = "https://";

    @Override
    public ContentType contentType() {
        return ContentType.REMOTE_ATTACHMENT_V1;
    }

    @Override
    public Class<RemoteAttachment> valueType() {
        return RemoteAttachment.class;
    }

    @Override
    public EncodedContent encode(RemoteAttachment value) {
        EncodedContent.Builder b = Encoded.start(contentType(), fallback(value))
                .putParameters("contentDigest", value.contentDigest())
                .putParameters("salt", Hex.encode(value.salt()))
                .putParameters("nonce", Hex.encode(value.nonce()))
                .putParameters("secret", Hex.encode(value.secret()))
                .putParameters("scheme", SCHEME);
        value.contentLength().ifPresent(n -> b.putParameters("contentLength", Long.toString(n)));
        value.filename().ifPresent(f -> b.putParameters("filename", f));
        return b.setContent(ByteString.copyFrom(value.url().toString(), StandardCharsets.UTF_8)).build();
    }

    @Override
    public RemoteAttachment decode(EncodedContent encoded) {
        String urlText = Encoded.utf8(encoded.getContent().toByteArray(), contentType(), "the URL");
        URI url;
        try {
            url = new URI(urlText);
        } catch (URISyntaxException e) {
            throw ContentCodecException.malformed(contentType(), "the URL '" + urlText + "' is malformed", e);
        }
        String digest = Encoded.requiredParameter(encoded, contentType(), "contentDigest");
        byte[] salt = hex(encoded, "salt");
        byte[] nonce = hex(encoded, "nonce");
        byte[] secret = hex(encoded, "secret");
        OptionalLong length = Encoded.parameter(encoded, "contentLength")
                .map(this::length)
                .orElse(OptionalLong.empty());
        Optional<String> filename = Encoded.parameter(encoded, "filename");
        return Encoded.build(contentType(),
                () -> new RemoteAttachment(url, digest, secret, salt, nonce, length, filename));
    }

    private byte[] hex(EncodedContent encoded, String name) {
        String text = Encoded.requiredParameter(encoded, contentType(), name);
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw ContentCodecException.malformed(contentType(), "the parameter '" + name + "' is not hex: "
                    + e.getMessage(), e);
        }
    }

    private OptionalLong length(String text) {
        // libxmtp reads a u32; JavaScript writes "undefined" when the length is unknown, which we read as absent
        if ("undefined".equals(text) || "NaN".equals(text)) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(text);
            if (n < 0 || n > 0xFFFF_FFFFL) {
                throw new NumberFormatException("out of the uint32 range");
            }
            return OptionalLong.of(n);
        } catch (NumberFormatException e) {
            throw ContentCodecException.malformed(contentType(),
                    "the parameter 'contentLength' is '" + text + "', not a byte count", e);
        }
    }

    /**
     * libxmtp's text: {@code Can't display <filename or "this content">. This app doesn't support remote
     * attachments.}
     */
    @Override
    public Optional<String> fallback(RemoteAttachment value) {
        return Optional.of("Can't display " + value.filename().orElse("this content")
                + ". This app doesn't support remote attachments.");
    }

    @Override
    public boolean shouldPush() {
        return true;
    }
}
