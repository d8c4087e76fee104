package io.socon.messaging.impl.mls.framing;

import java.util.Optional;

/** What a framed message carries ({@code uint8 ContentType}, RFC 9420 section 6). */
public enum ContentType {
    /** Application data. */
    APPLICATION(1),
    /** A proposal. */
    PROPOSAL(2),
    /** A commit. */
    COMMIT(3);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    /** The uint8 code on the wire. */
    public int code() {
        return code;
    }

    /** The content type with this code, if it is one of RFC 9420's. */
    public static Optional<ContentType> fromCode(int code) {
        for (ContentType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
