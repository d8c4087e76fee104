package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.WireFormat;

/**
 * Reads the {@link MessageHeader} (group id, epoch, content type, wire format) of an encoded MLSMessage that
 * carries a PublicMessage or PrivateMessage, without any group state: what a relay node needs to file a
 * message it cannot decrypt.
 *
 * <p>How far the bytes are checked:
 * <ul>
 *   <li>PrivateMessage: the whole message is walked (without copying the ciphertext), so truncated input and
 *       trailing bytes are refused.
 *   <li>PublicMessage: the framed content is walked up to its content type (group id, epoch, sender,
 *       authenticated data); the content, signature and tags after it are not decoded, since that needs
 *       proposal and commit decoding.
 * </ul>
 */
public final class MessageHeaderReader {

    private MessageHeaderReader() {
    }

    /**
     * Reads the header of {@code mlsMessage}, the TLS encoding of an MLSMessage.
     *
     * @throws MlsDecodeException if the bytes are malformed, the version is not mls10, or the wire format is
     *                            not mls_public_message or mls_private_message
     */
    public static MessageHeader read(byte[] mlsMessage) {
        TlsReader in = TlsReader.over(mlsMessage);
        int formatOffset = 2;
        WireFormat wireFormat = MlsMessage.readEnvelope(in);
        return switch (wireFormat) {
            case PRIVATE_MESSAGE -> readPrivateMessageHeader(in);
            case PUBLIC_MESSAGE -> readPublicMessageHeader(in);
            default -> throw new MlsDecodeException("MLSMessage.wire_format", formatOffset,
                    "expected a public or private message, not " + wireFormat);
        };
    }

    /** The fields of PrivateMessage in order; the three after the content type are checked and skipped. */
    private static MessageHeader readPrivateMessageHeader(TlsReader in) {
        Bytes groupId = in.readOpaque("PrivateMessage.group_id");
        long epoch = in.readUint64("PrivateMessage.epoch");
        ContentType contentType = PrivateMessage.readContentType(in, "PrivateMessage.content_type");
        in.skipOpaque("PrivateMessage.authenticated_data");
        in.skipOpaque("PrivateMessage.encrypted_sender_data");
        in.skipOpaque("PrivateMessage.ciphertext");
        in.expectEnd("MLSMessage");
        return new MessageHeader(WireFormat.PRIVATE_MESSAGE, groupId, epoch, contentType);
    }

    private static MessageHeader readPublicMessageHeader(TlsReader in) {
        Bytes groupId = in.readOpaque("FramedContent.group_id");
        long epoch = in.readUint64("FramedContent.epoch");
        skipSender(in);
        in.skipOpaque("FramedContent.authenticated_data");
        ContentType contentType = PrivateMessage.readContentType(in, "FramedContent.content_type");
        return new MessageHeader(WireFormat.PUBLIC_MESSAGE, groupId, epoch, contentType);
    }

    /** Skips a Sender (RFC 9420 section 6): a sender type, then a uint32 index for member and external. */
    private static void skipSender(TlsReader in) {
        int start = in.position();
        int senderType = in.readUint8("Sender.sender_type");
        switch (senderType) {
            case 1 -> in.readUint32("Sender.leaf_index");      // member
            case 2 -> in.readUint32("Sender.sender_index");    // external
            case 3, 4 -> {                                     // new_member_proposal, new_member_commit
            }
            default -> throw new MlsDecodeException("Sender.sender_type", start, "unknown sender type "
                    + senderType + " (expected 1 member, 2 external, 3 new_member_proposal or 4 new_member_commit)");
        }
    }
}
