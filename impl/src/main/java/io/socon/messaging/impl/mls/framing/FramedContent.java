package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * FramedContent (RFC 9420 section 6): what a member signs, before it is put in a PublicMessage or encrypted
 * into a PrivateMessage.
 *
 * @param groupId           the group id
 * @param epoch             the epoch (unsigned 64-bit)
 * @param sender            the sender
 * @param authenticatedData additional authenticated data
 * @param content           application data, proposal or commit; it determines the content type
 */
public record FramedContent(Bytes groupId, long epoch, Sender sender, Bytes authenticatedData,
                            MessageContent content) implements TlsEncodable {

    /** Checks for nulls. */
    public FramedContent {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(authenticatedData, "authenticatedData");
        Objects.requireNonNull(content, "content");
    }

    /** The content type of {@link #content()}. */
    public ContentType contentType() {
        return content.contentType();
    }

    /** Reads one FramedContent. */
    public static FramedContent readFrom(TlsReader in) {
        Bytes groupId = in.readOpaque("FramedContent.group_id");
        long epoch = in.readUint64("FramedContent.epoch");
        Sender sender = Sender.readFrom(in);
        Bytes authenticatedData = in.readOpaque("FramedContent.authenticated_data");
        ContentType type = PrivateMessage.readContentType(in, "FramedContent.content_type");
        return new FramedContent(groupId, epoch, sender, authenticatedData, MessageContent.readFrom(in, type));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(groupId)
                .writeUint64(epoch)
                .write(sender)
                .writeOpaque(authenticatedData)
                .writeUint8(contentType().code())
                .write(content);
    }
}
