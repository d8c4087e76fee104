package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * PublicMessage (RFC 9420 section 6.2): framed content in the clear with its auth data and, when a member
 * sent it, a membership tag. The body of an MLSMessage with wire format mls_public_message.
 *
 * @param content       the framed content
 * @param auth          signature and, for commits, confirmation tag
 * @param membershipTag present exactly when the sender is a member
 */
public record PublicMessage(FramedContent content, FramedContentAuthData auth, Optional<Bytes> membershipTag)
        implements TlsEncodable {

    /** Checks for nulls and that a membership tag is present exactly for member senders. */
    public PublicMessage {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(membershipTag, "membershipTag");
        if (membershipTag.isPresent() != content.sender().isMember()) {
            throw new IllegalArgumentException("a membership tag goes with member senders and only with them");
        }
    }

    /** Decodes a PublicMessage that makes up all of {@code bytes} (without the MLSMessage envelope). */
    public static PublicMessage decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "PublicMessage", PublicMessage::readFrom);
    }

    /** Reads one PublicMessage. */
    public static PublicMessage readFrom(TlsReader in) {
        FramedContent content = FramedContent.readFrom(in);
        FramedContentAuthData auth = FramedContentAuthData.readFrom(in, content.contentType());
        Optional<Bytes> tag = content.sender().isMember()
                ? Optional.of(in.readOpaque("PublicMessage.membership_tag"))
                : Optional.empty();
        return new PublicMessage(content, auth, tag);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.write(content).write(auth);
        membershipTag.ifPresent(out::writeOpaque);
    }
}
