package io.socon.messaging.impl.client.group;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMetadataV1;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group's immutable metadata, set when the group is created: group context extension 0xf000, which OpenMLS
 * calls ImmutableMetadata. Its extension data is a TLS {@code opaque<V>} holding a {@code GroupMetadataV1}
 * protobuf (OpenMLS {@code extensions/metadata.rs}: a {@code Vec<u8>} serialized with {@code tls_codec}); the
 * other XMTP extensions hold their protobuf directly.
 *
 * @param conversationType group, DM, sync or oneshot
 * @param creatorInboxId   the inbox that created the group
 * @param dmMembers        the two inboxes of a DM; empty for other conversations
 * @param oneshotMessage   the encoded {@code OneshotMessage} of a oneshot conversation; empty otherwise
 */
public record GroupMetadata(ConversationType conversationType, String creatorInboxId, Optional<DmMembers> dmMembers,
                            Optional<Bytes> oneshotMessage) {

    /** Checks for nulls. */
    public GroupMetadata {
        Objects.requireNonNull(conversationType, "conversationType");
        Objects.requireNonNull(creatorInboxId, "creatorInboxId");
        Objects.requireNonNull(dmMembers, "dmMembers");
        Objects.requireNonNull(oneshotMessage, "oneshotMessage");
    }

    /** The metadata libxmtp writes for a new group ({@code build_protected_metadata_extension}). */
    public static GroupMetadata forGroup(String creatorInboxId) {
        return new GroupMetadata(ConversationType.GROUP, creatorInboxId, Optional.empty(), Optional.empty());
    }

    /**
     * The metadata libxmtp writes for a new DM ({@code build_dm_protected_metadata_extension}): the creator is
     * member one, the peer member two.
     */
    public static GroupMetadata forDm(String creatorInboxId, String peerInboxId) {
        return new GroupMetadata(ConversationType.DM, creatorInboxId,
                Optional.of(new DmMembers(creatorInboxId, peerInboxId)), Optional.empty());
    }

    /**
     * The {@code GroupMetadataV1} protobuf as prost writes it: conversation_type (1); creator_account_address
     * (2) is always empty and so left out; creator_inbox_id (3) when not empty; dm_members (4) and
     * oneshot_message (5) when present.
     */
    public byte[] toProtoBytes() {
        ProtoWriter w = new ProtoWriter();
        w.varint(1, conversationType.code());
        if (!creatorInboxId.isEmpty()) {
            w.string(3, creatorInboxId);
        }
        dmMembers.ifPresent(dm -> w.message(4, members -> members
                .message(1, inbox -> inboxId(inbox, dm.memberOne()))
                .message(2, inbox -> inboxId(inbox, dm.memberTwo()))));
        oneshotMessage.ifPresent(message -> w.bytes(5, message));
        return w.toByteArray();
    }

    private static void inboxId(ProtoWriter inbox, String id) {
        if (!id.isEmpty()) {
            inbox.string(1, id);
        }
    }

    /** This metadata as extension 0xf000: {@code opaque<V>} around the protobuf. */
    public Extension toExtension() {
        return new Extension(XmtpGroupExtensions.GROUP_METADATA,
                Bytes.copyOf(new TlsWriter().writeOpaque(toProtoBytes()).toByteArray()));
    }

    /**
     * Reads the metadata from a group context's extensions.
     *
     * @throws XmtpExtensionException if extension 0xf000 is missing or malformed
     */
    public static GroupMetadata from(List<Extension> extensions) {
        Extension extension = Extension.find(extensions, XmtpGroupExtensions.GROUP_METADATA)
                .orElseThrow(() -> XmtpExtensionException.missing(XmtpGroupExtensions.GROUP_METADATA));
        return fromExtensionData(extension.data());
    }

    /**
     * Reads the metadata from the data of extension 0xf000.
     *
     * @throws XmtpExtensionException if the data is not an {@code opaque<V>} holding a valid GroupMetadataV1
     */
    public static GroupMetadata fromExtensionData(Bytes data) {
        int type = XmtpGroupExtensions.GROUP_METADATA;
        Bytes proto;
        try {
            proto = TlsReader.decodeExactly(data.toByteArray(), "ImmutableMetadata",
                    reader -> reader.readOpaque("ImmutableMetadata.metadata"));
        } catch (MlsDecodeException e) {
            throw XmtpExtensionException.malformed(type, e.getMessage(), e);
        }
        return fromProtoBytes(proto.toByteArray());
    }

    /**
     * Reads a {@code GroupMetadataV1} protobuf, refusing what libxmtp refuses: an unknown conversation type and
     * a dm_members without both inboxes.
     *
     * @throws XmtpExtensionException if the bytes are not a valid GroupMetadataV1
     */
    public static GroupMetadata fromProtoBytes(byte[] proto) {
        int type = XmtpGroupExtensions.GROUP_METADATA;
        GroupMetadataV1 parsed;
        try {
            parsed = GroupMetadataV1.parseFrom(proto);
        } catch (InvalidProtocolBufferException e) {
            throw XmtpExtensionException.malformed(type, "not a GroupMetadataV1 protobuf: " + e.getMessage(), e);
        }
        ConversationType conversationType = ConversationType.fromCode(parsed.getConversationTypeValue())
                .orElseThrow(() -> XmtpExtensionException.malformed(type,
                        "unknown conversation type " + parsed.getConversationTypeValue()));
        Optional<DmMembers> dmMembers = Optional.empty();
        if (parsed.hasDmMembers()) {
            var dm = parsed.getDmMembers();
            if (!dm.hasDmMemberOne() || !dm.hasDmMemberTwo()) {
                throw XmtpExtensionException.malformed(type, "dm_members lacks a member");
            }
            dmMembers = Optional.of(new DmMembers(dm.getDmMemberOne().getInboxId(),
                    dm.getDmMemberTwo().getInboxId()));
        }
        Optional<Bytes> oneshot = parsed.hasOneshotMessage()
                ? Optional.of(Bytes.copyOf(parsed.getOneshotMessage().toByteArray()))
                : Optional.empty();
        return new GroupMetadata(conversationType, parsed.getCreatorInboxId(), dmMembers, oneshot);
    }
}
