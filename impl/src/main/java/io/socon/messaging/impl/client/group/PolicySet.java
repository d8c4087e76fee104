package io.socon.messaging.impl.client.group;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMutablePermissionsV1;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A group's permission policies: group context extension 0xff02, a {@code GroupMutablePermissionsV1}
 * protobuf around a {@code PolicySet} (libxmtp {@code groups/group_permissions.rs}).
 *
 * <p>The {@code allows...} methods are libxmtp's decisions ({@code PolicySet::evaluate_commit}) for one
 * actor. The roles of actors and subjects are those before the change. Two rules are fixed and ignore the
 * policies: a super admin can never be removed from the group, and only super admins may add or remove super
 * admins or change the permissions (libxmtp 1.10 does not consult {@link #updatePermissions()}).
 *
 * @param addMember         who may add members
 * @param removeMember      who may remove members
 * @param updateMetadata    who may change each metadata field, by attribute key; kept sorted
 * @param addAdmin          who may add admins
 * @param removeAdmin       who may remove admins
 * @param updatePermissions stored and carried, but not consulted by libxmtp 1.10
 */
public record PolicySet(MembershipPolicy addMember, MembershipPolicy removeMember,
                        SortedMap<String, MetadataPolicy> updateMetadata, PermissionsUpdatePolicy addAdmin,
                        PermissionsUpdatePolicy removeAdmin, PermissionsUpdatePolicy updatePermissions) {

    /** The two presets the node SDK offers by name ({@code PreconfiguredPolicies}). */
    public enum Preset {
        /** "All members" (libxmtp's default): anyone may add, admins may remove. */
        ALL_MEMBERS,
        /** "Admins only": only admins may add or remove members or change metadata. */
        ADMINS_ONLY
    }

    /** Checks for nulls and copies the map. */
    public PolicySet {
        Objects.requireNonNull(addMember, "addMember");
        Objects.requireNonNull(removeMember, "removeMember");
        updateMetadata = Collections.unmodifiableSortedMap(new TreeMap<>(updateMetadata));
        Objects.requireNonNull(addAdmin, "addAdmin");
        Objects.requireNonNull(removeAdmin, "removeAdmin");
        Objects.requireNonNull(updatePermissions, "updatePermissions");
    }

    /**
     * The "all members" preset, which createGroup uses without options ({@code default_policy}): anyone may add
     * members; admins may remove them; anyone may change group_name, description, group_image_url_square and
     * app_data; admins may change the two disappearing-message fields; only super admins may change
     * minimum_supported_protocol_version or add and remove admins.
     */
    public static PolicySet allMembers() {
        return new PolicySet(MembershipPolicy.allow(), MembershipPolicy.allowIfAdmin(),
                presetMetadataPolicies(MetadataPolicy.allow()), PermissionsUpdatePolicy.allowIfSuperAdmin(),
                PermissionsUpdatePolicy.allowIfSuperAdmin(), PermissionsUpdatePolicy.allowIfSuperAdmin());
    }

    /**
     * The "admins only" preset ({@code policy_admin_only}): as {@link #allMembers()} but admins alone may add
     * members and change group_name, description, group_image_url_square and app_data.
     */
    public static PolicySet adminsOnly() {
        return new PolicySet(MembershipPolicy.allowIfAdmin(), MembershipPolicy.allowIfAdmin(),
                presetMetadataPolicies(MetadataPolicy.allowIfAdmin()), PermissionsUpdatePolicy.allowIfSuperAdmin(),
                PermissionsUpdatePolicy.allowIfSuperAdmin(), PermissionsUpdatePolicy.allowIfSuperAdmin());
    }

    /**
     * The DM policies ({@code PolicySet::new_dm}): no one may add or remove members (apart from libxmtp's DM
     * exception for adding the peer, see {@link CommitValidator}), either member may change every metadata
     * field, and no one may change admins or permissions.
     */
    public static PolicySet dm() {
        TreeMap<String, MetadataPolicy> metadata = new TreeMap<>();
        MetadataField.SUPPORTED.forEach(field -> metadata.put(field.key(), MetadataPolicy.allow()));
        return new PolicySet(MembershipPolicy.deny(), MembershipPolicy.deny(), metadata,
                PermissionsUpdatePolicy.deny(), PermissionsUpdatePolicy.deny(), PermissionsUpdatePolicy.deny());
    }

    private static SortedMap<String, MetadataPolicy> presetMetadataPolicies(MetadataPolicy forOthers) {
        TreeMap<String, MetadataPolicy> metadata = new TreeMap<>();
        for (MetadataField field : MetadataField.SUPPORTED) {
            metadata.put(field.key(), switch (field) {
                case MESSAGE_DISAPPEAR_FROM_NS, MESSAGE_DISAPPEAR_IN_NS -> MetadataPolicy.allowIfAdmin();
                case MINIMUM_SUPPORTED_PROTOCOL_VERSION -> MetadataPolicy.allowIfSuperAdmin();
                default -> forOthers;
            });
        }
        return metadata;
    }

    /** The preset of {@code preset}. */
    public static PolicySet of(Preset preset) {
        return switch (preset) {
            case ALL_MEMBERS -> allMembers();
            case ADMINS_ONLY -> adminsOnly();
        };
    }

    /**
     * Which preset this set is, as libxmtp tells ({@code PreconfiguredPolicies::from_policy_set}): the member
     * and admin policies must match, and every metadata policy present must be the preset's for that field.
     * Fields may be missing, because groups made by older versions have fewer.
     */
    public Optional<Preset> preset() {
        boolean sameAdminPolicies = addAdmin.equals(PermissionsUpdatePolicy.allowIfSuperAdmin())
                && removeAdmin.equals(PermissionsUpdatePolicy.allowIfSuperAdmin())
                && updatePermissions.equals(PermissionsUpdatePolicy.allowIfSuperAdmin());
        if (sameAdminPolicies && removeMember.equals(MembershipPolicy.allowIfAdmin())) {
            if (addMember.equals(MembershipPolicy.allow()) && metadataMatches(MetadataPolicy.allow(), true)) {
                return Optional.of(Preset.ALL_MEMBERS);
            }
            if (addMember.equals(MembershipPolicy.allowIfAdmin())
                    && metadataMatches(MetadataPolicy.allowIfAdmin(), false)) {
                return Optional.of(Preset.ADMINS_ONLY);
            }
        }
        return Optional.empty();
    }

    private boolean metadataMatches(MetadataPolicy forOthers, boolean disappearingIsAdminOnly) {
        for (Map.Entry<String, MetadataPolicy> entry : updateMetadata.entrySet()) {
            String key = entry.getKey();
            MetadataPolicy expected;
            if (key.equals(MetadataField.MINIMUM_SUPPORTED_PROTOCOL_VERSION.key())) {
                expected = MetadataPolicy.allowIfSuperAdmin();
            } else if (disappearingIsAdminOnly && (key.equals(MetadataField.MESSAGE_DISAPPEAR_FROM_NS.key())
                    || key.equals(MetadataField.MESSAGE_DISAPPEAR_IN_NS.key()))) {
                expected = MetadataPolicy.allowIfAdmin();
            } else {
                expected = forOthers;
            }
            if (!entry.getValue().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code actor} may add {@code added}'s inbox. */
    public boolean allowsAddMember(Actor actor, InboxChange added) {
        return addMember.evaluate(actor, added);
    }

    /** Whether {@code actor} may remove {@code removed}'s inbox; never when it is a super admin. */
    public boolean allowsRemoveMember(Actor actor, InboxChange removed) {
        return removeMember.evaluate(actor, removed) && !removed.superAdmin();
    }

    /**
     * Whether {@code actor} may change attribute {@code key}. A key without a policy is super-admin only when
     * it starts with {@code "_"} and admin only otherwise.
     */
    public boolean allowsMetadataUpdate(Actor actor, String key) {
        MetadataPolicy policy = updateMetadata.get(key);
        if (policy == null) {
            policy = key.startsWith(MetadataField.SUPER_ADMIN_PREFIX)
                    ? MetadataPolicy.allowIfSuperAdmin()
                    : MetadataPolicy.allowIfAdmin();
        }
        return policy.evaluate(actor);
    }

    /** Whether {@code actor} may add admins. */
    public boolean allowsAddAdmin(Actor actor) {
        return addAdmin.evaluate(actor);
    }

    /** Whether {@code actor} may remove admins. */
    public boolean allowsRemoveAdmin(Actor actor) {
        return removeAdmin.evaluate(actor);
    }

    /** Whether {@code actor} may add super admins: super admins only, whatever the policies. */
    public boolean allowsAddSuperAdmin(Actor actor) {
        return actor.superAdmin();
    }

    /**
     * Whether {@code actor} may remove super admins, leaving {@code superAdminsAfter}: super admins only, and
     * never the last one.
     */
    public boolean allowsRemoveSuperAdmin(Actor actor, int superAdminsAfter) {
        return actor.superAdmin() && superAdminsAfter > 0;
    }

    /** Whether {@code actor} may change the permissions: super admins only, whatever the policies. */
    public boolean allowsPermissionsUpdate(Actor actor) {
        return actor.superAdmin();
    }

    /** This set with {@code key}'s metadata policy replaced. */
    public PolicySet withMetadataPolicy(String key, MetadataPolicy policy) {
        TreeMap<String, MetadataPolicy> copy = new TreeMap<>(updateMetadata);
        copy.put(key, policy);
        return new PolicySet(addMember, removeMember, copy, addAdmin, removeAdmin, updatePermissions);
    }

    /**
     * The {@code GroupMutablePermissionsV1} protobuf as prost writes it: policies (1) holding add_member_policy
     * (1), remove_member_policy (2), one update_metadata_policy entry (3) per field sorted by key, then
     * add_admin_policy (4), remove_admin_policy (5) and update_permissions_policy (6).
     */
    public byte[] toProtoBytes() {
        ProtoWriter w = new ProtoWriter();
        w.message(1, set -> {
            set.message(1, p -> Policies.write(addMember, p));
            set.message(2, p -> Policies.write(removeMember, p));
            updateMetadata.forEach((key, policy) -> set.message(3, entry -> {
                if (!key.isEmpty()) {
                    entry.string(1, key);
                }
                entry.message(2, p -> Policies.write(policy, p));
            }));
            set.message(4, p -> Policies.write(addAdmin, p));
            set.message(5, p -> Policies.write(removeAdmin, p));
            set.message(6, p -> Policies.write(updatePermissions, p));
        });
        return w.toByteArray();
    }

    /** This set as extension 0xff02. */
    public Extension toExtension() {
        return new Extension(XmtpGroupExtensions.GROUP_PERMISSIONS, Bytes.copyOf(toProtoBytes()));
    }

    /**
     * Reads the policies from a group context's extensions.
     *
     * @throws XmtpExtensionException if extension 0xff02 is missing or malformed
     */
    public static PolicySet from(List<Extension> extensions) {
        return fromExtensionData(Extension.find(extensions, XmtpGroupExtensions.GROUP_PERMISSIONS)
                .orElseThrow(() -> XmtpExtensionException.missing(XmtpGroupExtensions.GROUP_PERMISSIONS))
                .data());
    }

    /**
     * Reads the policies from the data of extension 0xff02, refusing what libxmtp refuses: no policy set, a
     * missing member or admin policy, an unset or unknown policy kind, an empty AND or ANY.
     *
     * @throws XmtpExtensionException naming the problem
     */
    public static PolicySet fromExtensionData(Bytes data) {
        int type = XmtpGroupExtensions.GROUP_PERMISSIONS;
        GroupMutablePermissionsV1 parsed;
        try {
            parsed = GroupMutablePermissionsV1.parseFrom(data.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw XmtpExtensionException.malformed(type,
                    "not a GroupMutablePermissionsV1 protobuf: " + e.getMessage(), e);
        }
        if (!parsed.hasPolicies()) {
            throw XmtpExtensionException.malformed(type, "policies is not set");
        }
        var set = parsed.getPolicies();
        try {
            // libxmtp's order: each policy is read as soon as it is found present, the metadata map last
            MembershipPolicy addMember = Policies.readMembership(
                    required(set.hasAddMemberPolicy(), set.getAddMemberPolicy(), "add_member_policy"));
            MembershipPolicy removeMember = Policies.readMembership(
                    required(set.hasRemoveMemberPolicy(), set.getRemoveMemberPolicy(), "remove_member_policy"));
            PermissionsUpdatePolicy addAdmin = Policies.readPermissions(
                    required(set.hasAddAdminPolicy(), set.getAddAdminPolicy(), "add_admin_policy"));
            PermissionsUpdatePolicy removeAdmin = Policies.readPermissions(
                    required(set.hasRemoveAdminPolicy(), set.getRemoveAdminPolicy(), "remove_admin_policy"));
            PermissionsUpdatePolicy updatePermissions = Policies.readPermissions(required(
                    set.hasUpdatePermissionsPolicy(), set.getUpdatePermissionsPolicy(), "update_permissions_policy"));
            TreeMap<String, MetadataPolicy> metadata = new TreeMap<>();
            set.getUpdateMetadataPolicyMap().forEach((key, policy) -> metadata.put(key, Policies.readMetadata(policy)));
            return new PolicySet(addMember, removeMember, metadata, addAdmin, removeAdmin, updatePermissions);
        } catch (IllegalArgumentException e) {
            throw XmtpExtensionException.malformed(type, e.getMessage(), e);
        }
    }

    private static <T> T required(boolean present, T value, String field) {
        if (!present) {
            throw new IllegalArgumentException(field + " is not set");
        }
        return value;
    }
}
