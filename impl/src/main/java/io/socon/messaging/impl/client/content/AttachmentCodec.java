package io.socon.messaging.impl.client.content;

import com.google.protobuf.ByteString;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.util.Optional;

/**
 * {@code xmtp.org/attachment:1.0}: the file's bytes as content, with the parameters {@code filename} and
 * {@code mimeType} (written in that order, as XMTP's JavaScript codec does; libxmtp's order varies).
 */
public final class AttachmentCodec implements ContentCodec<Attachment> {

    static final String FILENAME = "filename";
    static final String MIME_TYPE = "mimeType";

    @Override
    public ContentType contentType() {
        return ContentType.ATTACHMENT_V1;
    }

    @Override
    public Class<Attachment> valueType() {
        return Attachment.class;
    }

    @Override
    public EncodedContent encode(Attachment value) {
        return Encoded.start(contentType(), fallback(value))
                .putParameters(FILENAME, value.filename())
                .putParameters(MIME_TYPE, value.mimeType())
                .setContent(ByteString.copyFrom(value.data()))
                .build();
    }

    /**
     * Reads an attachment. Our {@link Attachment} needs a filename and a MIME type (XMTP lets the filename be
     * absent) and at most {@link Attachment#MAX_BYTES} bytes; content without them is refused, and
     * {@link ContentCodecs#decodeOrUnknown} then keeps it as unknown content with its fallback.
     */
    @Override
    public Attachment decode(EncodedContent encoded) {
        String filename = Encoded.requiredParameter(encoded, contentType(), FILENAME);
        String mimeType = Encoded.requiredParameter(encoded, contentType(), MIME_TYPE);
        byte[] data = encoded.getContent().toByteArray();
        return Encoded.build(contentType(), () -> new Attachment(filename, mimeType, data));
    }

    /** libxmtp's text: {@code Can't display <filename>. This app doesn't support attachments.} */
    @Override
    public Optional<String> fallback(Attachment value) {
        return Optional.of("Can't display " + value.filename() + ". This app doesn't support attachments.");
    }

    @Override
    public boolean shouldPush() {
        return true;
    }
}
