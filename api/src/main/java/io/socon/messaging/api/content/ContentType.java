package io.socon.messaging.api.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.util.regex.Pattern;

/**
 * An XMTP content type id: who defines it, its name and version, written {@code authority/type:major.minor}
 * (for example {@code xmtp.org/text:1.0}). Receivers decode the types they know and show the fallback text of
 * the others.
 *
 * @param authorityId who defines the type, a domain name such as {@code xmtp.org}
 * @param typeId the type's name, such as {@code text}
 * @param versionMajor incompatible versions differ here
 * @param versionMinor compatible revisions
 */
public record ContentType(String authorityId, String typeId, int versionMajor, int versionMinor) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TEXT = Pattern.compile("([^/\\s]+)/([^:\\s]+):(\\d{1,9})\\.(\\d{1,9})");

    /** Plain text, UTF-8. */
    public static final ContentType TEXT_V1 = new ContentType("xmtp.org", "text", 1, 0);
    /** A reaction to a message, as current XMTP clients (libxmtp 1.10) send it: a protobuf. */
    public static final ContentType REACTION_V2 = new ContentType("xmtp.org", "reaction", 2, 0);
    /** A reaction in the older JSON form; still read, no longer sent. */
    public static final ContentType REACTION_V1 = new ContentType("xmtp.org", "reaction", 1, 0);
    /** A reply that quotes an earlier message. */
    public static final ContentType REPLY_V1 = new ContentType("xmtp.org", "reply", 1, 0);
    /** A read receipt for the conversation. */
    public static final ContentType READ_RECEIPT_V1 = new ContentType("xmtp.org", "readReceipt", 1, 0);
    /** A small file carried inside the message. */
    public static final ContentType ATTACHMENT_V1 = new ContentType("xmtp.org", "attachment", 1, 0);
    /** A file stored elsewhere, encrypted, with the key in the message. */
    public static final ContentType REMOTE_ATTACHMENT_V1 =
            new ContentType("xmtp.org", "remoteStaticAttachment", 1, 0);

    /** @throws InvalidValueException with {@link ErrorCode#INVALID_ARGUMENT} if a part is malformed */
    public ContentType {
        if (authorityId == null || !NAME.matcher(authorityId).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "a content type authority is a name like xmtp.org, got '" + authorityId + "'");
        }
        if (typeId == null || !NAME.matcher(typeId).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "a content type id is a name like text, got '" + typeId + "'");
        }
        if (versionMajor < 0 || versionMinor < 0) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "content type versions are not negative, got " + versionMajor + "." + versionMinor);
        }
    }

    /**
     * Parses {@code authority/type:major.minor}.
     *
     * @throws InvalidValueException if the text has another form
     */
    public static ContentType parse(String text) {
        var m = TEXT.matcher(ContentChecks.notNull(text, "content type"));
        if (!m.matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "a content type is written authority/type:major.minor (like xmtp.org/text:1.0), got '" + text + "'");
        }
        return new ContentType(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    }

    /** Whether {@code other} is the same type with the same major version (so this codec can read it). */
    public boolean sameTypeAs(ContentType other) {
        return authorityId.equals(other.authorityId) && typeId.equals(other.typeId)
                && versionMajor == other.versionMajor;
    }

    @Override
    public String toString() {
        return authorityId + "/" + typeId + ":" + versionMajor + "." + versionMinor;
    }
}
