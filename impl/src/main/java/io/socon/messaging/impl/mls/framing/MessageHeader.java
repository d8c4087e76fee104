package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.util.Objects;

/**
 * The unencrypted routing facts of a framed MLS message, read without any group state.
 *
 * @param wireFormat  {@link WireFormat#PUBLIC_MESSAGE} or {@link WireFormat#PRIVATE_MESSAGE}
 * @param groupId     the group the message belongs to
 * @param epoch       the epoch it was sent in (unsigned 64-bit; compare with {@link Long#compareUnsigned})
 * @param contentType application, proposal or commit
 */
public record MessageHeader(WireFormat wireFormat, Bytes groupId, long epoch, ContentType contentType) {

    /** Checks for nulls and that the wire format is a framed one. */
    public MessageHeader {
        Objects.requireNonNull(wireFormat, "wireFormat");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(contentType, "contentType");
        if (wireFormat != WireFormat.PUBLIC_MESSAGE && wireFormat != WireFormat.PRIVATE_MESSAGE) {
            throw new IllegalArgumentException("not a framed message: " + wireFormat);
        }
    }

    /** Whether the message is a commit (what the node records as {@code is_commit}). */
    public boolean isCommit() {
        return contentType == ContentType.COMMIT;
    }
}
