package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.util.Objects;

/**
 * AuthenticatedContent (RFC 9420 section 6.1): framed content with its wire format and auth data, whatever
 * wire format carried it. Proposal references and transcript hashes are computed over it.
 *
 * @param wireFormat how the content travelled (public or private message)
 * @param content    the framed content
 * @param auth       signature and, for commits, confirmation tag
 */
public record AuthenticatedContent(WireFormat wireFormat, FramedContent content, FramedContentAuthData auth)
        implements TlsEncodable {

    /** Checks for nulls and that a confirmation tag is present exactly for commits. */
    public AuthenticatedContent {
        Objects.requireNonNull(wireFormat, "wireFormat");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(auth, "auth");
        if (auth.confirmationTag().isPresent() != (content.contentType() == ContentType.COMMIT)) {
            throw new IllegalArgumentException("a confirmation tag goes with commits and only with them");
        }
    }

    /** Decodes an AuthenticatedContent that makes up all of {@code bytes}. */
    public static AuthenticatedContent decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "AuthenticatedContent", AuthenticatedContent::readFrom);
    }

    /** Reads one AuthenticatedContent. */
    public static AuthenticatedContent readFrom(TlsReader in) {
        int start = in.position();
        int code = in.readUint16("AuthenticatedContent.wire_format");
        WireFormat wireFormat = WireFormat.fromCode(code).orElseThrow(() -> new MlsDecodeException(
                "AuthenticatedContent.wire_format", start, "unknown wire format " + code));
        FramedContent content = FramedContent.readFrom(in);
        return new AuthenticatedContent(wireFormat, content,
                FramedContentAuthData.readFrom(in, content.contentType()));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(wireFormat.code()).write(content).write(auth);
    }
}
