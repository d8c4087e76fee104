package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * A GroupInfo (RFC 9420 section 12.4.3): what a joiner needs to know about the group, signed by a member.
 * This is the structure only; nothing here verifies the signature or the confirmation tag.
 *
 * @param groupContext    the group context of the epoch being joined
 * @param extensions      the GroupInfo's own extensions (e.g. ratchet_tree)
 * @param confirmationTag the epoch's confirmation tag
 * @param signer          the leaf index of the signing member (uint32)
 * @param signature       {@code SignWithLabel(., "GroupInfoTBS", GroupInfoTBS)}
 */
public record GroupInfo(GroupContext groupContext, List<Extension> extensions, Bytes confirmationTag, long signer,
                        Bytes signature) implements TlsEncodable {

    /** Checks nulls and ranges, and copies the list. */
    public GroupInfo {
        Objects.requireNonNull(groupContext, "groupContext");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(confirmationTag, "confirmationTag");
        if (signer < 0 || signer > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("signer is a uint32: " + signer);
        }
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Decodes a GroupInfo that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed GroupInfo
     */
    public static GroupInfo decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "GroupInfo", GroupInfo::readFrom);
    }

    /** Reads one GroupInfo. */
    public static GroupInfo readFrom(TlsReader in) {
        return new GroupInfo(
                GroupContext.readFrom(in),
                Extension.readList(in, "GroupInfo.extensions"),
                in.readOpaque("GroupInfo.confirmation_tag"),
                in.readUint32("GroupInfo.signer"),
                in.readOpaque("GroupInfo.signature"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.write(groupContext)
                .writeList(extensions)
                .writeOpaque(confirmationTag)
                .writeUint32(signer)
                .writeOpaque(signature);
    }
}
