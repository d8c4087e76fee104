package io.socon.messaging.impl.client.group;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMutableMetadataV1;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A group's mutable metadata: group context extension 0xff00, whose data is a {@code GroupMutableMetadataV1}
 * protobuf (libxmtp {@code xmtp_mls_common/src/group_mutable_metadata.rs}).
 *
 * <p>libxmtp keeps the attributes in a hash map, so the order of its map entries differs from run to run. We
 * write them sorted by key; readers on both sides accept any order.
 *
 * @param attributes  the attributes by key (see {@link MetadataField}); kept sorted
 * @param admins      the admins' inbox ids, in list order
 * @param superAdmins the super admins' inbox ids, in list order
 */
public record MutableMetadata(SortedMap<String, String> attributes, List<String> admins, List<String> superAdmins) {

    /** Copies the map and lists. */
    public MutableMetadata {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        admins = List.copyOf(admins);
        superAdmins = List.copyOf(superAdmins);
    }

    /** Builds from any map; the entries are sorted by key. */
    public static MutableMetadata of(Map<String, String> attributes, List<String> admins, List<String> superAdmins) {
        return new MutableMetadata(new TreeMap<>(attributes), admins, superAdmins);
    }

    /**
     * What libxmtp writes for a new group ({@code GroupMutableMetadata::new_default}): group_name,
     * description, group_image_url_square and app_data (empty unless given), the two disappearing-message
     * attributes if given, and the commit log signer in lowercase hex if given (libxmtp 1.10 always makes a
     * random 32-byte one). The creator is the only super admin; there are no admins.
     *
     * @param creatorInboxId  the creator's inbox id
     * @param options         name, description and the rest
     * @param commitLogSigner the 32-byte commit log signing secret, if any
     */
    public static MutableMetadata forGroup(String creatorInboxId, GroupOptions options,
                                           Optional<Bytes> commitLogSigner) {
        Objects.requireNonNull(creatorInboxId, "creatorInboxId");
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put(MetadataField.GROUP_NAME.key(), options.name());
        attributes.put(MetadataField.DESCRIPTION.key(), options.description());
        attributes.put(MetadataField.GROUP_IMAGE_URL_SQUARE.key(), options.imageUrlSquare());
        attributes.put(MetadataField.APP_DATA.key(), options.appData());
        putCommon(attributes, options.disappearing(), commitLogSigner);
        return new MutableMetadata(attributes, List.of(), List.of(creatorInboxId));
    }

    /**
     * What libxmtp writes for a new DM ({@code GroupMutableMetadata::new_dm_default}): empty group_name,
     * description and group_image_url_square (no app_data), the disappearing-message attributes if given and
     * the commit log signer if given. A DM has no admins and no super admins.
     *
     * @param disappearing    disappearing-message settings, if any
     * @param commitLogSigner the 32-byte commit log signing secret, if any
     */
    public static MutableMetadata forDm(Optional<DisappearingSettings> disappearing, Optional<Bytes> commitLogSigner) {
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put(MetadataField.GROUP_NAME.key(), "");
        attributes.put(MetadataField.DESCRIPTION.key(), "");
        attributes.put(MetadataField.GROUP_IMAGE_URL_SQUARE.key(), "");
        putCommon(attributes, disappearing, commitLogSigner);
        return new MutableMetadata(attributes, List.of(), List.of());
    }

    private static void putCommon(Map<String, String> attributes, Optional<DisappearingSettings> disappearing,
                                  Optional<Bytes> commitLogSigner) {
        disappearing.ifPresent(settings -> {
            attributes.put(MetadataField.MESSAGE_DISAPPEAR_FROM_NS.key(), Long.toString(settings.fromNs()));
            attributes.put(MetadataField.MESSAGE_DISAPPEAR_IN_NS.key(), Long.toString(settings.inNs()));
        });
        commitLogSigner.ifPresent(secret -> attributes.put(MetadataField.COMMIT_LOG_SIGNER.key(), secret.toHex()));
    }

    /** The value of attribute {@code key}, if set. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** The value of {@code field}, if set. */
    public Optional<String> attribute(MetadataField field) {
        return attribute(field.key());
    }

    /** The group name; empty string when not set. */
    public String groupName() {
        return attribute(MetadataField.GROUP_NAME).orElse("");
    }

    /** Whether {@code inboxId} is on the admin list. */
    public boolean isAdmin(String inboxId) {
        return admins.contains(inboxId);
    }

    /** Whether {@code inboxId} is on the super admin list. */
    public boolean isSuperAdmin(String inboxId) {
        return superAdmins.contains(inboxId);
    }

    /** The commit log signing secret, if the attribute is set and is valid hex (libxmtp ignores bad hex). */
    public Optional<Bytes> commitLogSigner() {
        return attribute(MetadataField.COMMIT_LOG_SIGNER).flatMap(hex -> {
            try {
                return Optional.of(Bytes.copyOf(HexFormat.of().parseHex(hex)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The disappearing-message settings, if both attributes are set and are decimal 64-bit integers. */
    public Optional<DisappearingSettings> disappearingSettings() {
        Optional<String> from = attribute(MetadataField.MESSAGE_DISAPPEAR_FROM_NS);
        Optional<String> in = attribute(MetadataField.MESSAGE_DISAPPEAR_IN_NS);
        if (from.isEmpty() || in.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DisappearingSettings(Long.parseLong(from.get()), Long.parseLong(in.get())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** This metadata with attribute {@code key} set to {@code value} (libxmtp's metadata update). */
    public MutableMetadata withAttribute(String key, String value) {
        TreeMap<String, String> copy = new TreeMap<>(attributes);
        copy.put(key, value);
        return new MutableMetadata(copy, admins, superAdmins);
    }

    /** This metadata with {@code inboxId} appended to the admins, unless already there. */
    public MutableMetadata withAdminAdded(String inboxId) {
        return new MutableMetadata(attributes, appended(admins, inboxId), superAdmins);
    }

    /** This metadata without {@code inboxId} among the admins. */
    public MutableMetadata withAdminRemoved(String inboxId) {
        return new MutableMetadata(attributes, without(admins, inboxId), superAdmins);
    }

    /** This metadata with {@code inboxId} appended to the super admins, unless already there. */
    public MutableMetadata withSuperAdminAdded(String inboxId) {
        return new MutableMetadata(attributes, admins, appended(superAdmins, inboxId));
    }

    /** This metadata without {@code inboxId} among the super admins. */
    public MutableMetadata withSuperAdminRemoved(String inboxId) {
        return new MutableMetadata(attributes, admins, without(superAdmins, inboxId));
    }

    private static List<String> appended(List<String> list, String inboxId) {
        if (list.contains(inboxId)) {
            return list;
        }
        List<String> copy = new ArrayList<>(list);
        copy.add(inboxId);
        return copy;
    }

    private static List<String> without(List<String> list, String inboxId) {
        return list.stream().filter(id -> !id.equals(inboxId)).toList();
    }

    /**
     * The {@code GroupMutableMetadataV1} protobuf as prost writes it: one attributes entry (1) per attribute,
     * sorted by key, each leaving out an empty key or value; then admin_list (2) and super_admin_list (3),
     * always present, each an {@code Inboxes} with one inbox_ids string per member.
     */
    public byte[] toProtoBytes() {
        ProtoWriter w = new ProtoWriter();
        attributes.forEach((key, value) -> w.message(1, entry -> {
            if (!key.isEmpty()) {
                entry.string(1, key);
            }
            if (!value.isEmpty()) {
                entry.string(2, value);
            }
        }));
        w.message(2, inboxes -> admins.forEach(id -> inboxes.string(1, id)));
        w.message(3, inboxes -> superAdmins.forEach(id -> inboxes.string(1, id)));
        return w.toByteArray();
    }

    /** This metadata as extension 0xff00. */
    public Extension toExtension() {
        return new Extension(XmtpGroupExtensions.MUTABLE_METADATA, Bytes.copyOf(toProtoBytes()));
    }

    /**
     * Reads the metadata from a group context's extensions.
     *
     * @throws XmtpExtensionException if extension 0xff00 is missing or malformed
     */
    public static MutableMetadata from(List<Extension> extensions) {
        return fromExtensionData(Extension.find(extensions, XmtpGroupExtensions.MUTABLE_METADATA)
                .orElseThrow(() -> XmtpExtensionException.missing(XmtpGroupExtensions.MUTABLE_METADATA))
                .data());
    }

    /**
     * Reads the metadata from the data of extension 0xff00. Like libxmtp, refuses a protobuf without an
     * admin_list or super_admin_list.
     *
     * @throws XmtpExtensionException if the data is not a valid GroupMutableMetadataV1
     */
    public static MutableMetadata fromExtensionData(Bytes data) {
        int type = XmtpGroupExtensions.MUTABLE_METADATA;
        GroupMutableMetadataV1 parsed;
        try {
            parsed = GroupMutableMetadataV1.parseFrom(data.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw XmtpExtensionException.malformed(type, "not a GroupMutableMetadataV1 protobuf: " + e.getMessage(),
                    e);
        }
        if (!parsed.hasAdminList()) {
            throw XmtpExtensionException.malformed(type, "admin_list is not set");
        }
        if (!parsed.hasSuperAdminList()) {
            throw XmtpExtensionException.malformed(type, "super_admin_list is not set");
        }
        return MutableMetadata.of(parsed.getAttributesMap(), parsed.getAdminList().getInboxIdsList(),
                parsed.getSuperAdminList().getInboxIdsList());
    }
}
