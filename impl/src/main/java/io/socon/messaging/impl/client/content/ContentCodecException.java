package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.ContentType;
import java.util.Optional;

/**
 * Content that cannot be encoded or decoded: malformed bytes or parameters
 * ({@link ErrorCode#INVALID_ARGUMENT}), content over the decompression limit ({@link ErrorCode#CONTENT_TOO_LARGE})
 * or a type without a codec ({@link ErrorCode#UNSUPPORTED_CONTENT_TYPE}). The message names the content type and
 * the field at fault.
 */
public final class ContentCodecException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final transient ContentType contentType;

    /**
     * @param code the stable code
     * @param contentType the type being encoded or decoded, or null when it is not known yet
     * @param message what is wrong
     * @param cause the underlying failure, or null
     */
    public ContentCodecException(ErrorCode code, ContentType contentType, String message, Throwable cause) {
        super(code, (contentType == null ? "" : contentType + ": ") + message, cause);
        this.contentType = contentType;
    }

    static ContentCodecException malformed(ContentType type, String message) {
        return new ContentCodecException(ErrorCode.INVALID_ARGUMENT, type, message, null);
    }

    static ContentCodecException malformed(ContentType type, String message, Throwable cause) {
        return new ContentCodecException(ErrorCode.INVALID_ARGUMENT, type, message, cause);
    }

    /** The content type concerned, if it was known. */
    public Optional<ContentType> contentType() {
        return Optional.ofNullable(contentType);
    }
}
