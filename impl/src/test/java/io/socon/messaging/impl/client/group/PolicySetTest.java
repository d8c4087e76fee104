package io.socon.messaging.impl.client.group;

import static io.socon.messaging.impl.client.group.Hex.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMutablePermissionsV1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * Truth tables of libxmtp 1.10's policy decisions ({@code groups/group_permissions.rs}
 * {@code PolicySet::evaluate_commit} and the base policies' {@code evaluate}) for the three policy sets, the
 * combinators, the preset recognition, and the protobuf form of the policy trees.
 */
class PolicySetTest {

    static final Actor MEMBER = actor(false, false);
    static final Actor ADMIN = actor(true, false);
    static final Actor SUPER_ADMIN = actor(false, true);
    static final Actor BOTH = actor(true, true);
    static final List<Actor> ACTORS = List.of(MEMBER, ADMIN, SUPER_ADMIN, BOTH);

    static final InboxChange PLAIN_SUBJECT = new InboxChange("subject", false, false, false, Optional.empty());
    static final InboxChange SUPER_ADMIN_SUBJECT = new InboxChange("boss", true, false, true, Optional.empty());

    private static Actor actor(boolean admin, boolean superAdmin) {
        return new Actor("actor", Bytes.EMPTY, false, admin, superAdmin);
    }

    /** The decisions, each a row of the table. */
    private static Map<String, BiPredicate<PolicySet, Actor>> decisions() {
        Map<String, BiPredicate<PolicySet, Actor>> rows = new LinkedHashMap<>();
        rows.put("add member", (p, a) -> p.allowsAddMember(a, PLAIN_SUBJECT));
        rows.put("remove member", (p, a) -> p.allowsRemoveMember(a, PLAIN_SUBJECT));
        rows.put("remove a super admin", (p, a) -> p.allowsRemoveMember(a, SUPER_ADMIN_SUBJECT));
        for (MetadataField field : MetadataField.values()) {
            rows.put("update " + field.key(), (p, a) -> p.allowsMetadataUpdate(a, field.key()));
        }
        rows.put("update unknown_field", (p, a) -> p.allowsMetadataUpdate(a, "unknown_field"));
        rows.put("update _unknown_field", (p, a) -> p.allowsMetadataUpdate(a, "_unknown_field"));
        rows.put("add admin", PolicySet::allowsAddAdmin);
        rows.put("remove admin", PolicySet::allowsRemoveAdmin);
        rows.put("add super admin", PolicySet::allowsAddSuperAdmin);
        rows.put("remove super admin, one left", (p, a) -> p.allowsRemoveSuperAdmin(a, 1));
        rows.put("remove the last super admin", (p, a) -> p.allowsRemoveSuperAdmin(a, 0));
        rows.put("update permissions", PolicySet::allowsPermissionsUpdate);
        return rows;
    }

    /** Columns: member, admin, super admin, admin and super admin. */
    private static void assertTable(PolicySet policies, Map<String, String> expected) {
        Map<String, BiPredicate<PolicySet, Actor>> rows = decisions();
        assertThat(expected.keySet()).containsExactlyElementsOf(rows.keySet());
        List<String> wrong = new ArrayList<>();
        rows.forEach((row, decision) -> {
            StringBuilder actual = new StringBuilder();
            for (Actor actor : ACTORS) {
                actual.append(decision.test(policies, actor) ? 'Y' : '-');
            }
            if (!actual.toString().equals(expected.get(row))) {
                wrong.add(row + ": expected " + expected.get(row) + " but was " + actual);
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static Map<String, String> table(String... rowsAndCells) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < rowsAndCells.length; i += 2) {
            map.put(rowsAndCells[i], rowsAndCells[i + 1]);
        }
        return map;
    }

    @Test
    void allMembersPreset() {
        assertTable(PolicySet.allMembers(), table(
                //                                          member admin super both
                "add member", "YYYY",
                "remove member", "-YYY",
                "remove a super admin", "----",
                "update group_name", "YYYY",
                "update description", "YYYY",
                "update group_image_url_square", "YYYY",
                "update message_disappear_from_ns", "-YYY",
                "update message_disappear_in_ns", "-YYY",
                "update minimum_supported_protocol_version", "--YY",
                "update _commit_log_signer", "--YY",   // no policy; "_" makes it super-admin only
                "update app_data", "YYYY",
                "update unknown_field", "-YYY",        // no policy: admin only
                "update _unknown_field", "--YY",
                "add admin", "--YY",
                "remove admin", "--YY",
                "add super admin", "--YY",
                "remove super admin, one left", "--YY",
                "remove the last super admin", "----",
                "update permissions", "--YY"));
    }

    @Test
    void adminsOnlyPreset() {
        assertTable(PolicySet.adminsOnly(), table(
                "add member", "-YYY",
                "remove member", "-YYY",
                "remove a super admin", "----",
                "update group_name", "-YYY",
                "update description", "-YYY",
                "update group_image_url_square", "-YYY",
                "update message_disappear_from_ns", "-YYY",
                "update message_disappear_in_ns", "-YYY",
                "update minimum_supported_protocol_version", "--YY",
                "update _commit_log_signer", "--YY",
                "update app_data", "-YYY",
                "update unknown_field", "-YYY",
                "update _unknown_field", "--YY",
                "add admin", "--YY",
                "remove admin", "--YY",
                "add super admin", "--YY",
                "remove super admin, one left", "--YY",
                "remove the last super admin", "----",
                "update permissions", "--YY"));
    }

    @Test
    void dmPolicies() {
        // a DM has no admins, so in practice only the "member" column applies
        assertTable(PolicySet.dm(), table(
                "add member", "----",
                "remove member", "----",
                "remove a super admin", "----",
                "update group_name", "YYYY",
                "update description", "YYYY",
                "update group_image_url_square", "YYYY",
                "update message_disappear_from_ns", "YYYY",
                "update message_disappear_in_ns", "YYYY",
                "update minimum_supported_protocol_version", "YYYY",
                "update _commit_log_signer", "--YY",
                "update app_data", "YYYY",
                "update unknown_field", "-YYY",
                "update _unknown_field", "--YY",
                "add admin", "----",
                "remove admin", "----",
                "add super admin", "--YY",
                "remove super admin, one left", "--YY",
                "remove the last super admin", "----",
                "update permissions", "--YY"));   // libxmtp ignores update_permissions_policy (DENY here)
    }

    @Test
    void combinators() {
        MembershipPolicy superAndAdmin = new MembershipPolicy.And(List.of(MembershipPolicy.allowIfAdmin(),
                MembershipPolicy.allowIfSuperAdmin()));
        MembershipPolicy denyOrAdmin = new MembershipPolicy.Any(List.of(MembershipPolicy.deny(),
                MembershipPolicy.allowIfAdmin()));
        MembershipPolicy nested = new MembershipPolicy.Any(List.of(superAndAdmin,
                new MembershipPolicy.And(List.of(MembershipPolicy.allow(), MembershipPolicy.deny()))));
        assertThat(row(actor -> superAndAdmin.evaluate(actor, PLAIN_SUBJECT))).isEqualTo("--YY");
        assertThat(row(actor -> denyOrAdmin.evaluate(actor, PLAIN_SUBJECT))).isEqualTo("-YYY");
        assertThat(row(actor -> nested.evaluate(actor, PLAIN_SUBJECT))).isEqualTo("--YY");

        MetadataPolicy metadata = new MetadataPolicy.Any(List.of(MetadataPolicy.deny(),
                new MetadataPolicy.And(List.of(MetadataPolicy.allow(), MetadataPolicy.allowIfAdmin()))));
        assertThat(row(metadata::evaluate)).isEqualTo("-YYY");
        PermissionsUpdatePolicy permissions = new PermissionsUpdatePolicy.And(List.of(
                PermissionsUpdatePolicy.allowIfAdmin(), new PermissionsUpdatePolicy.Any(List.of(
                        PermissionsUpdatePolicy.deny(), PermissionsUpdatePolicy.allowIfSuperAdmin()))));
        assertThat(row(permissions::evaluate)).isEqualTo("--YY");

        assertThatThrownBy(() -> new MembershipPolicy.And(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataPolicy.Any(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String row(java.util.function.Predicate<Actor> decision) {
        StringBuilder cells = new StringBuilder();
        ACTORS.forEach(actor -> cells.append(decision.test(actor) ? 'Y' : '-'));
        return cells.toString();
    }

    @Test
    void combinatorsInTheProtobuf() {
        PolicySet custom = new PolicySet(
                new MembershipPolicy.And(List.of(MembershipPolicy.allow(), new MembershipPolicy.Any(List.of(
                        MembershipPolicy.deny(), MembershipPolicy.allowIfSuperAdmin())))),
                MembershipPolicy.allowIfAdmin(),
                new TreeMap<>(Map.of("group_name", new MetadataPolicy.Any(List.of(MetadataPolicy.allowIfAdmin())))),
                PermissionsUpdatePolicy.allowIfAdmin(), PermissionsUpdatePolicy.deny(),
                new PermissionsUpdatePolicy.And(List.of(PermissionsUpdatePolicy.allowIfSuperAdmin())));

        assertThat(custom.toProtoBytes()).isEqualTo(Hex.bytes(
                "0a3e",                                 // policies, 62 bytes
                "0a12",                                 // add_member_policy, 18 bytes
                "1210",                                 //   and_condition (2), 16 bytes
                "0a020801",                             //     ALLOW
                "0a0a", "1a08",                         //     any_condition (3), 8 bytes
                "0a020802", "0a020804",                 //       DENY, ALLOW_IF_SUPER_ADMIN
                "12020803",                             // remove_member_policy: ALLOW_IF_ADMIN_OR_SUPER_ADMIN
                "1a14", "0a0a", q("group_name"),         // update_metadata_policy entry, 20 bytes
                "1206", "1a04", "0a020803",             //   value: any_condition [ALLOW_IF_ADMIN]
                "22020802",                             // add_admin_policy: ALLOW_IF_ADMIN (2)
                "2a020801",                             // remove_admin_policy: DENY (1)
                "3206", "1204", "0a020803"));           // update_permissions_policy: and [ALLOW_IF_SUPER_ADMIN]
        assertThat(PolicySet.fromExtensionData(Bytes.copyOf(custom.toProtoBytes()))).isEqualTo(custom);
        assertThat(custom.preset()).isEmpty();
    }

    @Test
    void presetsAreRecognisedLikeLibxmtp() {
        assertThat(PolicySet.allMembers().preset()).contains(PolicySet.Preset.ALL_MEMBERS);
        assertThat(PolicySet.adminsOnly().preset()).contains(PolicySet.Preset.ADMINS_ONLY);
        assertThat(PolicySet.dm().preset()).isEmpty();
        assertThat(PolicySet.of(PolicySet.Preset.ADMINS_ONLY)).isEqualTo(PolicySet.adminsOnly());

        // groups made by older versions have fewer metadata policies
        PolicySet older = new PolicySet(MembershipPolicy.allow(), MembershipPolicy.allowIfAdmin(),
                new TreeMap<>(Map.of("group_name", MetadataPolicy.allow())),
                PermissionsUpdatePolicy.allowIfSuperAdmin(), PermissionsUpdatePolicy.allowIfSuperAdmin(),
                PermissionsUpdatePolicy.allowIfSuperAdmin());
        assertThat(older.preset()).contains(PolicySet.Preset.ALL_MEMBERS);
        assertThat(PolicySet.allMembers().withMetadataPolicy("group_name", MetadataPolicy.deny()).preset())
                .isEmpty();
        assertThat(PolicySet.adminsOnly().withMetadataPolicy("app_data", MetadataPolicy.allow()).preset())
                .isEmpty();
    }

    @Test
    void malformedPoliciesAreRefusedAsLibxmtpRefusesThem() {
        // add_member_policy with base 5 (unknown), 0 (unspecified), an empty and, no kind
        assertBad(Hex.bytes("0a04", "0a020805"), "unknown membership base policy 5");
        assertBad(Hex.bytes("0a04", "0a020800"), "unknown membership base policy 0");
        assertBad(Hex.bytes("0a04", "0a021200"), "empty membership and condition");
        assertBad(Hex.bytes("0a02", "0a00"), "membership policy has no kind");
        // a complete set but for an update_metadata_policy entry with an empty any condition
        byte[] good = PolicySet.allMembers().toProtoBytes();
        assertThat(PolicySet.fromExtensionData(Bytes.copyOf(good))).isEqualTo(PolicySet.allMembers());
        GroupMutablePermissionsV1 parsed = parse(good);
        byte[] emptyAny = parsed.toBuilder().setPolicies(parsed.getPolicies().toBuilder().putUpdateMetadataPolicy("foo",
                        io.socon.messaging.impl.wire.mls.messagecontents.MetadataPolicy.newBuilder()
                                .setAnyCondition(io.socon.messaging.impl.wire.mls.messagecontents.MetadataPolicy
                                        .AnyCondition.getDefaultInstance()).build()))
                .build().toByteArray();
        assertBad(emptyAny, "empty metadata any condition");
        // a missing admin policy
        byte[] noAdmin = parsed.toBuilder().setPolicies(parsed.getPolicies().toBuilder().clearRemoveAdminPolicy())
                .build().toByteArray();
        assertBad(noAdmin, "remove_admin_policy is not set");
    }

    private static GroupMutablePermissionsV1 parse(byte[] bytes) {
        try {
            return GroupMutablePermissionsV1.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertBad(byte[] data, String detail) {
        assertThatThrownBy(() -> PolicySet.fromExtensionData(Bytes.copyOf(data)))
                .isInstanceOf(XmtpExtensionException.class).hasMessageContaining(detail);
    }
}
