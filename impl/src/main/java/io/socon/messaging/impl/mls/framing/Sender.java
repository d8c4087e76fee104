package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;

/**
 * Who sent a framed message (RFC 9420 section 6): a sender type and, for members and external senders, an
 * index (the leaf index, or the index into the external_senders extension).
 *
 * @param type  {@link #MEMBER}, {@link #EXTERNAL}, {@link #NEW_MEMBER_PROPOSAL} or {@link #NEW_MEMBER_COMMIT}
 * @param index the uint32 index for member and external senders, else 0
 */
public record Sender(int type, long index) implements TlsEncodable {

    /** member: index is the sender's leaf index. */
    public static final int MEMBER = 1;
    /** external: index is the position in the external_senders extension. */
    public static final int EXTERNAL = 2;
    /** new_member_proposal. */
    public static final int NEW_MEMBER_PROPOSAL = 3;
    /** new_member_commit. */
    public static final int NEW_MEMBER_COMMIT = 4;

    /** Checks the type and the index range. */
    public Sender {
        if (type < MEMBER || type > NEW_MEMBER_COMMIT) {
            throw new IllegalArgumentException("unknown sender type " + type);
        }
        if (index < 0 || index > 0xFFFF_FFFFL || (!hasIndex(type) && index != 0)) {
            throw new IllegalArgumentException("bad sender index " + index + " for type " + type);
        }
    }

    /** A member sender at {@code leafIndex}. */
    public static Sender member(long leafIndex) {
        return new Sender(MEMBER, leafIndex);
    }

    /** Whether the sender is a member of the group. */
    public boolean isMember() {
        return type == MEMBER;
    }

    /** Reads one Sender. */
    public static Sender readFrom(TlsReader in) {
        int start = in.position();
        int type = in.readUint8("Sender.sender_type");
        if (type < MEMBER || type > NEW_MEMBER_COMMIT) {
            throw new MlsDecodeException("Sender.sender_type", start, "unknown sender type " + type);
        }
        long index = hasIndex(type) ? in.readUint32("Sender.index") : 0;
        return new Sender(type, index);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint8(type);
        if (hasIndex(type)) {
            out.writeUint32(index);
        }
    }

    private static boolean hasIndex(int type) {
        return type == MEMBER || type == EXTERNAL;
    }
}
