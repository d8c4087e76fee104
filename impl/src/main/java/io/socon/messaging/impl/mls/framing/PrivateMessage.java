package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * An encrypted MLS message (RFC 9420 section 6.3), the body of an MLSMessage with wire format
 * mls_private_message. The group id, epoch and content type travel in the clear; the sender and the content
 * are encrypted. Nothing here decrypts.
 *
 * @param groupId             the group id
 * @param epoch               the epoch (unsigned 64-bit)
 * @param contentType         what the ciphertext holds
 * @param authenticatedData   additional authenticated data (XMTP sends none)
 * @param encryptedSenderData the encrypted sender data
 * @param ciphertext          the encrypted content
 */
public record PrivateMessage(Bytes groupId, long epoch, ContentType contentType, Bytes authenticatedData,
                             Bytes encryptedSenderData, Bytes ciphertext) implements TlsEncodable {

    /** Checks for nulls. */
    public PrivateMessage {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(authenticatedData, "authenticatedData");
        Objects.requireNonNull(encryptedSenderData, "encryptedSenderData");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /**
     * Decodes a PrivateMessage that makes up all of {@code bytes} (the body, without the MLSMessage envelope).
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed PrivateMessage
     */
    public static PrivateMessage decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "PrivateMessage", PrivateMessage::readFrom);
    }

    /** Reads one PrivateMessage. */
    public static PrivateMessage readFrom(TlsReader in) {
        return new PrivateMessage(
                in.readOpaque("PrivateMessage.group_id"),
                in.readUint64("PrivateMessage.epoch"),
                readContentType(in, "PrivateMessage.content_type"),
                in.readOpaque("PrivateMessage.authenticated_data"),
                in.readOpaque("PrivateMessage.encrypted_sender_data"),
                in.readOpaque("PrivateMessage.ciphertext"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(groupId)
                .writeUint64(epoch)
                .writeUint8(contentType.code())
                .writeOpaque(authenticatedData)
                .writeOpaque(encryptedSenderData)
                .writeOpaque(ciphertext);
    }

    static ContentType readContentType(TlsReader in, String field) {
        int start = in.position();
        int code = in.readUint8(field);
        return ContentType.fromCode(code).orElseThrow(() -> new MlsDecodeException(field, start,
                "unknown content type " + code + " (expected 1 application, 2 proposal or 3 commit)"));
    }
}
