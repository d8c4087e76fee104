package io.socon.messaging.impl.client.group;

import static io.socon.messaging.impl.client.group.Hex.hex;
import static io.socon.messaging.impl.client.group.Hex.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.wire.mls.messagecontents.ProposalSupport;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The extensions of a brand-new DM and group, compared byte for byte with bytes written out by hand from the
 * protos ({@code group_metadata.proto}, {@code group_mutable_metadata.proto}, {@code group_membership.proto},
 * {@code group_permissions.proto}) and from what libxmtp 1.10 puts in them:
 * <ul>
 *   <li>order and content: {@code xmtp_mls/src/groups/mod.rs} {@code create_dm_and_insert}, {@code insert},
 *       {@code build_group_config}, {@code build_*_extension};</li>
 *   <li>metadata values: {@code xmtp_mls_common/src/group_mutable_metadata.rs} {@code new_default},
 *       {@code new_dm_default}; {@code xmtp_mls_common/src/group_metadata.rs};</li>
 *   <li>policies: {@code xmtp_mls/src/groups/group_permissions.rs} {@code PolicySet::new_dm},
 *       {@code default_policy};</li>
 *   <li>encoding: prost (fields in number order, proto3 defaults left out, present sub-messages always written,
 *       default keys and values left out of map entries); map entries sorted by key, our choice where libxmtp's
 *       hash maps give a random order; 0xf000 wrapped in a TLS {@code opaque<V>} (OpenMLS
 *       {@code extensions/metadata.rs}).</li>
 * </ul>
 * Protobuf tags used below: {@code 08} field 1 varint, {@code 0a} field 1 bytes, {@code 10} field 2 varint,
 * {@code 12} field 2 bytes, {@code 1a} field 3 bytes, {@code 22} field 4 bytes, {@code 2a} field 5, {@code 32}
 * field 6.
 */
class XmtpGroupExtensionsTest {

    static final String CREATOR = "0123456789abcdef".repeat(4);
    static final String PEER = "fedcba9876543210".repeat(4);
    /** A commit log signing secret 00 01 ... 1f; libxmtp makes a random one. */
    static final Bytes SIGNER = Bytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /** 0x0003 required_capabilities: three uint16 vectors, each with a one-byte varint length. */
    static final String REQUIRED_CAPABILITIES = hex(
            "0c", "ff01 ff00 ff02 f000 000a 0001",  // extension types: 6 x 2 bytes
            "02", "0007",                           // proposal types: GroupContextExtensions
            "02", "0001");                          // credential types: basic

    /** The mutable metadata attribute entry for _commit_log_signer: key 18 bytes, value 64 hex chars. */
    static final String SIGNER_ENTRY = hex("0a56", "0a12", q("_commit_log_signer"), "1240", q(SIGNER.toHex()));

    @Test
    void newDmExtensionsAreLibxmtpsBytes() {
        List<Extension> extensions = XmtpGroupExtensions.forNewDm(CREATOR, PEER, Optional.empty(),
                Optional.of(SIGNER));

        assertThat(extensions).extracting(Extension::type).containsExactly(0xf000, 0xff00, 0xff01, 0xff02, 0x0003);

        // GroupMetadataV1{conversation_type DM, creator_inbox_id, dm_members{one: creator, two: peer}}
        String dmMembers = hex(
                "0a42", "0a40", q(CREATOR),   // dm_member_one: Inbox{inbox_id (64 bytes)}, 66 bytes
                "1242", "0a40", q(PEER));     // dm_member_two, 66 bytes
        String metadataProto = hex(
                "0802",                       // conversation_type = 2 (DM)
                                              // creator_account_address "" is left out
                "1a40", q(CREATOR),           // creator_inbox_id
                "228801", dmMembers);         // dm_members, 136 bytes (varint 88 01)
        assertThat(metadataProto.length() / 2).isEqualTo(207);
        // opaque<V>: 207 needs the two-byte varint 0x40cf
        assertThat(data(extensions, 0)).isEqualTo(hex("40cf", metadataProto));

        // GroupMutableMetadataV1: attributes sorted by key, empty values left out of their entries;
        // no app_data in a DM; empty admin and super admin lists still written
        assertThat(data(extensions, 1)).isEqualTo(hex(
                SIGNER_ENTRY,
                "0a0d", "0a0b", q("description"),
                "0a18", "0a16", q("group_image_url_square"),
                "0a0c", "0a0a", q("group_name"),
                "1200",                       // admin_list: Inboxes{}
                "1a00"));                     // super_admin_list: Inboxes{}

        // GroupMembership{members {creator: 0}}: the zero value is left out of the entry
        assertThat(data(extensions, 2)).isEqualTo(hex("0a42", "0a40", q(CREATOR)));

        // GroupMutablePermissionsV1{policies: PolicySet::new_dm}
        assertThat(data(extensions, 3)).isEqualTo(hex(
                "0ad101",                     // policies, 209 bytes
                "0a020802",                   // add_member_policy: base DENY (2)
                "12020802",                   // remove_member_policy: base DENY (2)
                metadataPolicyEntries("01", "01", "01"),   // every field: METADATA ALLOW (1)
                "22020801",                   // add_admin_policy: PERMISSIONS DENY (1)
                "2a020801",                   // remove_admin_policy: DENY
                "32020801"));                 // update_permissions_policy: DENY

        assertThat(data(extensions, 4)).isEqualTo(REQUIRED_CAPABILITIES);
    }

    @Test
    void newGroupExtensionsAreLibxmtpsBytes() {
        List<Extension> extensions = XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.allMembers(),
                GroupOptions.NONE, Optional.of(SIGNER));

        assertThat(extensions).extracting(Extension::type).containsExactly(0xf000, 0xff00, 0xff01, 0xff02, 0x0003);

        // GroupMetadataV1{GROUP, creator}: 68 bytes, opaque<V> length 0x4044
        assertThat(data(extensions, 0)).isEqualTo(hex("4044", "0801", "1a40", q(CREATOR)));

        // new_default: group_name, description, group_image_url_square and app_data all "", the signer;
        // the creator is the only super admin
        assertThat(data(extensions, 1)).isEqualTo(hex(
                SIGNER_ENTRY,
                "0a0a", "0a08", q("app_data"),
                "0a0d", "0a0b", q("description"),
                "0a18", "0a16", q("group_image_url_square"),
                "0a0c", "0a0a", q("group_name"),
                "1200",                       // admin_list: Inboxes{}
                "1a42", "0a40", q(CREATOR))); // super_admin_list: Inboxes{[creator]}

        assertThat(data(extensions, 2)).isEqualTo(hex("0a42", "0a40", q(CREATOR)));

        // default_policy ("all members")
        assertThat(data(extensions, 3)).isEqualTo(hex(
                "0ad101",
                "0a020801",                   // add_member_policy: ALLOW (1)
                "12020803",                   // remove_member_policy: ALLOW_IF_ADMIN_OR_SUPER_ADMIN (3)
                // metadata: ALLOW (1) for the four plain fields, ALLOW_IF_ADMIN (3) for the two disappearing
                // fields, ALLOW_IF_SUPER_ADMIN (4) for minimum_supported_protocol_version
                metadataPolicyEntries("01", "03", "04"),
                "22020803",                   // add_admin_policy: ALLOW_IF_SUPER_ADMIN (3)
                "2a020803",                   // remove_admin_policy: ALLOW_IF_SUPER_ADMIN
                "32020803"));                 // update_permissions_policy: ALLOW_IF_SUPER_ADMIN

        assertThat(data(extensions, 4)).isEqualTo(REQUIRED_CAPABILITIES);
    }

    /**
     * The update_metadata_policy entries (field 3) of a preset, sorted by key. Each entry is
     * {@code 1a len (0a klen key) (12 02 (08 base))}.
     */
    private static String metadataPolicyEntries(String plain, String disappearing, String minimumVersion) {
        return hex(
                "1a0e", "0a08", q("app_data"), "1202", "08" + plain,
                "1a11", "0a0b", q("description"), "1202", "08" + plain,
                "1a1c", "0a16", q("group_image_url_square"), "1202", "08" + plain,
                "1a10", "0a0a", q("group_name"), "1202", "08" + plain,
                "1a1f", "0a19", q("message_disappear_from_ns"), "1202", "08" + disappearing,
                "1a1d", "0a17", q("message_disappear_in_ns"), "1202", "08" + disappearing,
                "1a28", "0a22", q("minimum_supported_protocol_version"), "1202", "08" + minimumVersion);
    }

    @Test
    void groupOptionsAndDisappearingSettingsBecomeAttributes() {
        GroupOptions options = GroupOptions.NONE.withName("Socon").withDescription("d").withImageUrlSquare("u")
                .withAppData("x").withDisappearing(new DisappearingSettings(1_700_000_000_000_000_000L, 3_600L));
        MutableMetadata metadata = MutableMetadata.fromExtensionData(
                XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.adminsOnly(), options, Optional.empty())
                        .get(1).data());

        assertThat(metadata.attributes()).containsExactly(
                Map.entry("app_data", "x"),
                Map.entry("description", "d"),
                Map.entry("group_image_url_square", "u"),
                Map.entry("group_name", "Socon"),
                Map.entry("message_disappear_from_ns", "1700000000000000000"),
                Map.entry("message_disappear_in_ns", "3600"));
        assertThat(metadata.disappearingSettings()).contains(new DisappearingSettings(1_700_000_000_000_000_000L,
                3_600L));
        assertThat(metadata.commitLogSigner()).isEmpty();
        assertThat(metadata.superAdmins()).containsExactly(CREATOR);

        // the group_name entry with a value: 0a len (0a 0a "group_name") (12 05 "Socon")
        assertThat(HexFormat.of().formatHex(metadata.toProtoBytes()))
                .contains(hex("0a13", "0a0a", q("group_name"), "1205", q("Socon")));
    }

    @Test
    void dmWithDisappearingMessages() {
        MutableMetadata metadata = MutableMetadata.fromExtensionData(XmtpGroupExtensions.forNewDm(CREATOR, PEER,
                Optional.of(new DisappearingSettings(5, 6)), Optional.of(SIGNER)).get(1).data());
        assertThat(metadata.attributes()).containsOnlyKeys("_commit_log_signer", "description",
                "group_image_url_square", "group_name", "message_disappear_from_ns", "message_disappear_in_ns");
        assertThat(metadata.commitLogSigner()).contains(SIGNER);
        assertThat(metadata.admins()).isEmpty();
        assertThat(metadata.superAdmins()).isEmpty();
    }

    @Test
    void theWholeExtensionListAsTheGroupContextCarriesIt() {
        List<Extension> extensions = XmtpGroupExtensions.forNewDm(CREATOR, PEER, Optional.empty(),
                Optional.of(SIGNER));
        byte[] encoded = new TlsWriter().writeList(extensions).toByteArray();

        // each extension: uint16 type, opaque<V> data; the list: opaque<V> of the concatenation
        StringBuilder body = new StringBuilder();
        for (Extension extension : extensions) {
            body.append(String.format("%04x", extension.type()))
                    .append(varint(extension.data().length()))
                    .append(extension.data().toHex());
        }
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(varint(body.length() / 2) + body);
    }

    private static String varint(int length) {
        return length < 64 ? String.format("%02x", length) : String.format("%04x", 0x4000 | length);
    }

    @Test
    void stateReadsBackWhatWasBuilt() {
        List<Extension> dm = XmtpGroupExtensions.forNewDm(CREATOR, PEER, Optional.empty(), Optional.of(SIGNER));
        XmtpGroupState state = XmtpGroupState.from(dm);

        assertThat(state.metadata()).isEqualTo(GroupMetadata.forDm(CREATOR, PEER));
        assertThat(state.conversationType()).isEqualTo(ConversationType.DM);
        assertThat(state.metadata().dmMembers().orElseThrow().dmId())
                .isEqualTo("dm:" + CREATOR + ":" + PEER);
        assertThat(state.mutableMetadata()).isEqualTo(MutableMetadata.forDm(Optional.empty(), Optional.of(SIGNER)));
        assertThat(state.membership()).isEqualTo(GroupMembership.startingWith(CREATOR));
        assertThat(state.policies()).isEqualTo(PolicySet.dm());
        assertThat(state.requiredCapabilities()).contains(XmtpGroupExtensions.REQUIRED);
        assertThat(state.proposalsEnabled()).isFalse();
        assertThat(state.extensions()).isEqualTo(dm);

        XmtpGroupState group = XmtpGroupState.from(XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.adminsOnly(),
                GroupOptions.NONE.withName("n"), Optional.of(SIGNER)));
        assertThat(group.policies()).isEqualTo(PolicySet.adminsOnly());
        assertThat(group.policies().preset()).contains(PolicySet.Preset.ADMINS_ONLY);
        assertThat(group.mutableMetadata().groupName()).isEqualTo("n");
        assertThat(group.metadata().dmMembers()).isEmpty();
    }

    @Test
    void readsMapEntriesInAnyOrderAndWithDefaultsWritten() {
        // what protobuf-java (or a libxmtp run with another hash order) could write: value 0 spelled out,
        // entries in reverse order
        byte[] membership = Hex.bytes("0a05", "0a01", q("b"), "1007", "0a05", "0a01", q("a"), "1000");
        assertThat(GroupMembership.fromExtensionData(Bytes.copyOf(membership)).members())
                .containsExactly(Map.entry("a", 0L), Map.entry("b", 7L));
        // and we write the canonical form
        assertThat(GroupMembership.of(Map.of("b", 7L, "a", 0L)).toProtoBytes())
                .isEqualTo(Hex.bytes("0a03", "0a01", q("a"), "0a05", "0a01", q("b"), "1007"));
    }

    @Test
    void protobufJavaWouldWriteDifferentBytesWhichIsWhyWeDoNot() {
        byte[] javaBytes = io.socon.messaging.impl.wire.mls.messagecontents.GroupMembership.newBuilder()
                .putMembers(CREATOR, 0L).build().toByteArray();
        assertThat(javaBytes).isNotEqualTo(GroupMembership.startingWith(CREATOR).toProtoBytes());
        assertThat(HexFormat.of().formatHex(javaBytes)).isEqualTo(hex("0a44", "0a40", q(CREATOR), "1000"));
    }

    @Test
    void failedInstallationsAreWrittenAfterTheMembers() {
        GroupMembership membership = GroupMembership.of(Map.of("a", 300L))
                .withFailedInstallations(List.of(Bytes.fromHex("aabb"), Bytes.fromHex("aabb"), Bytes.EMPTY));
        assertThat(membership.failedInstallations()).containsExactly(Bytes.fromHex("aabb"), Bytes.EMPTY);
        // 300 = varint ac 02
        assertThat(membership.toProtoBytes()).isEqualTo(Hex.bytes("0a06", "0a01", q("a"), "10ac02",
                "1202aabb", "1200"));
        assertThat(GroupMembership.fromExtensionData(Bytes.copyOf(membership.toProtoBytes()))).isEqualTo(membership);
    }

    @Test
    void sequenceIdsAreUnsigned() {
        GroupMembership big = GroupMembership.of(Map.of("a", -1L));
        // 2^64 - 1 is ten varint bytes
        assertThat(big.toProtoBytes()).isEqualTo(Hex.bytes("0a0e", "0a01", q("a"), "10ffffffffffffffffff01"));
        assertThat(GroupMembership.fromExtensionData(Bytes.copyOf(big.toProtoBytes())).sequenceId("a"))
                .hasValue(-1L);
    }

    @Test
    void replaceMovesTheExtensionToTheEndAsOpenMlsDoes() {
        List<Extension> extensions = XmtpGroupExtensions.forNewDm(CREATOR, PEER, Optional.empty(),
                Optional.empty());
        GroupMembership two = GroupMembership.of(Map.of(CREATOR, 4L, PEER, 9L));
        List<Extension> replaced = XmtpGroupExtensions.replace(extensions, two.toExtension());

        assertThat(replaced).extracting(Extension::type).containsExactly(0xf000, 0xff00, 0xff02, 0x0003, 0xff01);
        assertThat(XmtpGroupState.from(replaced).membership()).isEqualTo(two);
        assertThat(XmtpGroupExtensions.replace(List.of(), two.toExtension())).containsExactly(two.toExtension());
    }

    @Test
    void proposalsEnabledNeedsAVersionAboveZero() {
        List<Extension> base = XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.allMembers(), GroupOptions.NONE,
                Optional.empty());
        assertThat(XmtpGroupExtensions.proposalsEnabled(base)).isFalse();
        assertThat(XmtpGroupExtensions.proposalsEnabled(with(base, 0xff05,
                ProposalSupport.newBuilder().setVersion(1).build().toByteArray()))).isTrue();
        assertThat(XmtpGroupExtensions.proposalsEnabled(with(base, 0xff05, new byte[0]))).isFalse();
        assertThat(XmtpGroupExtensions.proposalsEnabled(with(base, 0xff05, Hex.bytes("ff")))).isFalse();
    }

    @Test
    void missingExtensionsAreNamed() {
        List<Extension> full = XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.allMembers(), GroupOptions.NONE,
                Optional.empty());
        for (int type : new int[] {0xf000, 0xff00, 0xff01, 0xff02}) {
            List<Extension> without = full.stream().filter(e -> e.type() != type).toList();
            assertThatThrownBy(() -> XmtpGroupState.from(without))
                    .isInstanceOfSatisfying(XmtpExtensionException.class, e -> {
                        assertThat(e.extensionType()).isEqualTo(type);
                        assertThat(e.getMessage()).startsWith(String.format("0x%04x (", type)).endsWith(": missing");
                    });
        }
        // required capabilities are optional for reading
        assertThat(XmtpGroupState.from(full.subList(0, 4)).requiredCapabilities()).isEmpty();
    }

    @Test
    void malformedExtensionsAreNamed() {
        List<Extension> full = XmtpGroupExtensions.forNewGroup(CREATOR, PolicySet.allMembers(), GroupOptions.NONE,
                Optional.empty());
        assertMalformed(full, 0xf000, Hex.bytes("0801"), "ImmutableMetadata");          // no opaque<V> wrapping
        assertMalformed(full, 0xf000, Hex.bytes("02", "0805"), "unknown conversation type 5");
        assertMalformed(full, 0xf000, Hex.bytes("02", "0800"), "unknown conversation type 0");
        assertMalformed(full, 0xf000, Hex.bytes("06", "0802", "2202", "0a00"), "dm_members lacks a member");
        assertMalformed(full, 0xf000, Hex.bytes("03", "1a", "01", "ff"), "not a GroupMetadataV1");  // bad UTF-8
        assertMalformed(full, 0xff00, Hex.bytes("1a00"), "admin_list is not set");
        assertMalformed(full, 0xff00, Hex.bytes("1200"), "super_admin_list is not set");
        assertMalformed(full, 0xff00, Hex.bytes("0a"), "not a GroupMutableMetadataV1");
        assertMalformed(full, 0xff01, Hex.bytes("0a05"), "not a GroupMembership");
        assertMalformed(full, 0xff02, Hex.bytes(), "policies is not set");
        assertMalformed(full, 0xff02, Hex.bytes("0a00"), "add_member_policy is not set");
        assertMalformed(full, 0x0003, Hex.bytes("0c"), "RequiredCapabilities");
    }

    private static void assertMalformed(List<Extension> full, int type, byte[] data, String detail) {
        assertThatThrownBy(() -> XmtpGroupState.from(with(full, type, data)))
                .isInstanceOfSatisfying(XmtpExtensionException.class, e -> {
                    assertThat(e.extensionType()).isEqualTo(type);
                    assertThat(e.getMessage()).startsWith(XmtpExtensionException.describe(type) + ": malformed: ")
                            .contains(detail);
                });
    }

    static List<Extension> with(List<Extension> extensions, int type, byte[] data) {
        List<Extension> result = new ArrayList<>(extensions.stream().filter(e -> e.type() != type).toList());
        result.add(new Extension(type, Bytes.copyOf(data)));
        return result;
    }

    private static String data(List<Extension> extensions, int index) {
        return extensions.get(index).data().toHex();
    }
}
