package io.socon.messaging.impl.client.net;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A group and the id of the last of its messages already seen: reads and streams return only messages with a
 * greater id ({@code 0} for all of them).
 *
 * @param groupId the MLS group id (16 bytes for XMTP's DMs and groups)
 * @param afterId the exclusive cursor
 */
public record GroupCursor(byte[] groupId, long afterId) {

    public GroupCursor {
        Objects.requireNonNull(groupId, "groupId");
        if (groupId.length == 0) {
            throw new IllegalArgumentException("groupId is empty");
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative, got " + afterId);
        }
        groupId = groupId.clone();
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupCursor that && afterId == that.afterId && Arrays.equals(groupId, that.groupId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(groupId) + Long.hashCode(afterId);
    }

    @Override
    public String toString() {
        return "GroupCursor[" + HexFormat.of().formatHex(groupId) + " after " + afterId + "]";
    }
}
