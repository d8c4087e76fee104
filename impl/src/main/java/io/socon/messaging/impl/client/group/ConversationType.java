package io.socon.messaging.impl.client.group;

import java.util.Optional;

/**
 * The kind of conversation recorded in a group's immutable metadata ({@code ConversationType} in
 * {@code group_metadata.proto}). libxmtp refuses any other value, including 0 (unspecified).
 */
public enum ConversationType {
    /** A group: many members, admins and permission policies. */
    GROUP(1),
    /** A direct message between exactly two inboxes. */
    DM(2),
    /** The device-sync group between one inbox's own installations. */
    SYNC(3),
    /** A group made to carry one message (e.g. a re-add request) and then be dropped. */
    ONESHOT(4);

    private final int code;

    ConversationType(int code) {
        this.code = code;
    }

    /** The proto enum value. */
    public int code() {
        return code;
    }

    /** The type with proto value {@code code}, if it is one libxmtp accepts (1 to 4). */
    public static Optional<ConversationType> fromCode(int code) {
        for (ConversationType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
