package io.socon.messaging.impl.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.socon.messaging.impl.wire.mls.messagecontents.ContentTypeId;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMutablePermissionsV1;
import io.socon.messaging.impl.wire.mls.messagecontents.MembershipPolicy;
import io.socon.messaging.impl.wire.mls.messagecontents.MetadataPolicy;
import io.socon.messaging.impl.wire.mls.messagecontents.PermissionsUpdatePolicy;
import io.socon.messaging.impl.wire.mls.messagecontents.PolicySet;
import io.socon.messaging.impl.wire.mls.messagecontents.ProposalSupport;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.DeleteMessage;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.EditMessage;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.LeaveRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Byte compatibility for the schema files that XMTP does not publish codecs for on npm: the expected bytes
 * are assembled by hand from XMTP's field numbers and wire types (see xmtp/proto), independently of
 * protobuf-java, and must equal what our classes produce and decode back equal.
 */
class HandAssembledWireTest {

    @Test
    void groupPermissionsTheDmPolicySet() throws Exception {
        // The policy set XMTP gives DMs: no member changes, metadata open, admin changes denied.
        GroupMutablePermissionsV1 ours = GroupMutablePermissionsV1.newBuilder()
                .setPolicies(PolicySet.newBuilder()
                        .setAddMemberPolicy(membership(MembershipPolicy.BasePolicy.BASE_POLICY_DENY))
                        .setRemoveMemberPolicy(membership(MembershipPolicy.BasePolicy.BASE_POLICY_DENY))
                        .putUpdateMetadataPolicy("group_name", MetadataPolicy.newBuilder()
                                .setBase(MetadataPolicy.MetadataBasePolicy.METADATA_BASE_POLICY_ALLOW).build())
                        .setAddAdminPolicy(permissions(PermissionsUpdatePolicy.PermissionsBasePolicy.PERMISSIONS_BASE_POLICY_DENY))
                        .setRemoveAdminPolicy(permissions(PermissionsUpdatePolicy.PermissionsBasePolicy.PERMISSIONS_BASE_POLICY_DENY))
                        .setUpdatePermissionsPolicy(permissions(
                                PermissionsUpdatePolicy.PermissionsBasePolicy.PERMISSIONS_BASE_POLICY_DENY)))
                .build();

        byte[] deny = new Wire().varint(1, 2).bytes();            // MembershipPolicy{base=DENY}
        byte[] allowMetadata = new Wire().varint(1, 1).bytes();   // MetadataPolicy{base=ALLOW}
        byte[] denyPermissions = new Wire().varint(1, 1).bytes(); // PermissionsUpdatePolicy{base=DENY}
        byte[] mapEntry = new Wire().string(1, "group_name").message(2, allowMetadata).bytes();
        byte[] policySet = new Wire()
                .message(1, deny)
                .message(2, deny)
                .message(3, mapEntry)
                .message(4, denyPermissions)
                .message(5, denyPermissions)
                .message(6, denyPermissions)
                .bytes();
        byte[] expected = new Wire().message(1, policySet).bytes();

        assertSameWire(ours, expected);
    }

    @Test
    void groupPermissionsNestedConditions() throws Exception {
        // add_member_policy = AND(admin or super admin, ANY(super admin)); oneof members 2 and 3.
        MembershipPolicy nested = MembershipPolicy.newBuilder()
                .setAndCondition(MembershipPolicy.AndCondition.newBuilder()
                        .addPolicies(membership(MembershipPolicy.BasePolicy.BASE_POLICY_ALLOW_IF_ADMIN_OR_SUPER_ADMIN))
                        .addPolicies(MembershipPolicy.newBuilder().setAnyCondition(MembershipPolicy.AnyCondition.newBuilder()
                                .addPolicies(membership(MembershipPolicy.BasePolicy.BASE_POLICY_ALLOW_IF_SUPER_ADMIN)))))
                .build();
        PolicySet ours = PolicySet.newBuilder().setAddMemberPolicy(nested).build();

        byte[] adminOrSuper = new Wire().varint(1, 3).bytes();
        byte[] superAdmin = new Wire().varint(1, 4).bytes();
        byte[] any = new Wire().message(1, superAdmin).bytes();
        byte[] anyPolicy = new Wire().message(3, any).bytes();
        byte[] and = new Wire().message(1, adminOrSuper).message(1, anyPolicy).bytes();
        byte[] andPolicy = new Wire().message(2, and).bytes();
        byte[] expected = new Wire().message(1, andPolicy).bytes();

        assertSameWire(ours, expected);
    }

    @Test
    void proposalSupport() throws Exception {
        assertSameWire(ProposalSupport.newBuilder().setVersion(1).build(), new Wire().varint(1, 1).bytes());
    }

    @Test
    void deleteMessage() throws Exception {
        String id = "0d2a5bc7f1e94c1f9a5e4d3b2c1a0f9e";
        assertSameWire(DeleteMessage.newBuilder().setMessageId(id).build(), new Wire().string(1, id).bytes());
    }

    @Test
    void editMessageCarriesEncodedContent() throws Exception {
        EditMessage ours = EditMessage.newBuilder()
                .setMessageId("m-1")
                .setEditedContent(EncodedContent.newBuilder()
                        .setType(ContentTypeId.newBuilder()
                                .setAuthorityId("xmtp.org").setTypeId("text").setVersionMajor(1).setVersionMinor(0))
                        .putParameters("encoding", "UTF-8")
                        .setFallback("édité")
                        .setContent(ByteString.copyFromUtf8("hello, edited")))
                .build();

        byte[] typeId = new Wire().string(1, "xmtp.org").string(2, "text").varint(3, 1).bytes();
        byte[] parameter = new Wire().string(1, "encoding").string(2, "UTF-8").bytes();
        byte[] content = new Wire()
                .message(1, typeId)
                .message(2, parameter)
                .string(3, "édité")
                .message(4, "hello, edited".getBytes(StandardCharsets.UTF_8))
                .bytes();
        byte[] expected = new Wire().string(1, "m-1").message(2, content).bytes();

        assertSameWire(ours, expected);
    }

    @Test
    void leaveRequestOptionalNoteKeepsPresence() throws Exception {
        // proto3 optional: an empty note is still written, an absent one is not.
        assertSameWire(LeaveRequest.newBuilder().setAuthenticatedNote(ByteString.EMPTY).build(),
                new Wire().message(1, new byte[0]).bytes());
        assertSameWire(LeaveRequest.newBuilder().setAuthenticatedNote(ByteString.copyFrom(new byte[] {1, 2, 3})).build(),
                new Wire().message(1, new byte[] {1, 2, 3}).bytes());
        assertSameWire(LeaveRequest.getDefaultInstance(), new byte[0]);
    }

    private static MembershipPolicy membership(MembershipPolicy.BasePolicy base) {
        return MembershipPolicy.newBuilder().setBase(base).build();
    }

    private static PermissionsUpdatePolicy permissions(PermissionsUpdatePolicy.PermissionsBasePolicy base) {
        return PermissionsUpdatePolicy.newBuilder().setBase(base).build();
    }

    private static void assertSameWire(Message ours, byte[] expected) throws Exception {
        assertThat(HexFormat.of().formatHex(ours.toByteArray())).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(ours.getParserForType().parseFrom(expected)).isEqualTo(ours);
    }

    /** A protobuf writer with just what these tests need: varint and length-delimited fields. */
    private static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire varint(int field, long value) {
            rawVarint((long) field << 3);
            rawVarint(value);
            return this;
        }

        Wire message(int field, byte[] value) {
            rawVarint(((long) field << 3) | 2);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Wire string(int field, String value) {
            return message(field, value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void rawVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
