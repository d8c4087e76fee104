package io.socon.messaging.api.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A small file carried inside the message ({@code xmtp.org/attachment:1.0}). Files larger than
 * {@value #MAX_BYTES} bytes must be sent as a {@link RemoteAttachment}.
 *
 * @param filename the file's name, 1 to 255 characters, shown to the receiver
 * @param mimeType its media type, such as {@code image/png}
 * @param data the file's bytes (copied in and out)
 */
public record Attachment(String filename, String mimeType, byte[] data) implements Content {

    /** Largest inline attachment: 1 MiB, so messages stay small; send bigger files as remote attachments. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** @throws InvalidValueException if a component is missing or the data is over {@value #MAX_BYTES} bytes */
    public Attachment {
        ContentChecks.text(filename, 255, "attachment filename");
        ContentChecks.text(mimeType, 255, "attachment MIME type");
        ContentChecks.notNull(data, "attachment data");
        if (data.length > MAX_BYTES) {
            throw new InvalidValueException(ErrorCode.CONTENT_TOO_LARGE, "an inline attachment holds at most "
                    + MAX_BYTES + " bytes, got " + data.length + "; send it as a RemoteAttachment");
        }
        data = data.clone();
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public ContentType type() {
        return ContentType.ATTACHMENT_V1;
    }

    @Override
    public Optional<String> fallback() {
        return Optional.of("Can’t display “" + filename + "”. This app doesn’t support attachments.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && filename.equals(a.filename) && mimeType.equals(a.mimeType)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * filename.hashCode() + mimeType.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Attachment[filename=" + filename + ", mimeType=" + mimeType + ", " + data.length + " bytes]";
    }
}
