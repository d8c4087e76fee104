package io.socon.messaging.impl.client.group;

import static io.socon.messaging.impl.client.group.GroupFixture.A1;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE_1;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE_2;
import static io.socon.messaging.impl.client.group.GroupFixture.B2;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB_1;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB_2;
import static io.socon.messaging.impl.client.group.GroupFixture.CAROL;
import static io.socon.messaging.impl.client.group.GroupFixture.CAROL_1;
import static io.socon.messaging.impl.client.group.GroupFixture.LOOKUP;
import static io.socon.messaging.impl.client.group.GroupFixture.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A joiner's checks of a welcome: libxmtp 1.10's {@code welcomes/validated_membership.rs}
 * {@code check_initial_membership} and {@code groups/mod.rs} {@code validate_dm_group}.
 */
class WelcomeChecksTest {

    private static final GroupMembership ALICE_5_BOB_7 = members(ALICE, 5L, BOB, 7L);

    @Test
    void treeMatchingTheMembershipIsAccepted() throws Exception {
        WelcomeChecks.checkMembership(ALICE_5_BOB_7, List.of(ALICE_1, BOB_1, ALICE_2, BOB_2), LOOKUP);
        // b2 may be missing from the tree if it is listed as failed
        WelcomeChecks.checkMembership(ALICE_5_BOB_7.withFailedInstallations(List.of(B2)),
                List.of(ALICE_1, ALICE_2, BOB_1), LOOKUP);
    }

    @Test
    void leafOfAnInboxOutsideTheMembership() {
        refuse(() -> WelcomeChecks.checkMembership(ALICE_5_BOB_7, List.of(ALICE_1, ALICE_2, BOB_1, BOB_2, CAROL_1),
                LOOKUP), GroupCheck.MEMBERSHIP_MISMATCH, "not in the membership");
    }

    @Test
    void leafWhoseInstallationIsNotItsInboxes() {
        refuse(() -> WelcomeChecks.checkMembership(ALICE_5_BOB_7, List.of(ALICE_1, ALICE_2, BOB_1, BOB_2,
                new LeafMember(BOB, A1)), LOOKUP), GroupCheck.MEMBERSHIP_MISMATCH, A1.toHex());
    }

    @Test
    void installationInTheTreeTwice() {
        refuse(() -> WelcomeChecks.checkMembership(ALICE_5_BOB_7, List.of(ALICE_1, ALICE_2, BOB_1, BOB_2, BOB_2),
                LOOKUP), GroupCheck.MEMBERSHIP_MISMATCH, "twice");
    }

    @Test
    void installationMissingFromTheTree() {
        refuse(() -> WelcomeChecks.checkMembership(ALICE_5_BOB_7, List.of(ALICE_1, ALICE_2, BOB_1), LOOKUP),
                GroupCheck.MEMBERSHIP_MISMATCH, B2.toHex() + " of inbox " + BOB + " is neither");
    }

    @Test
    void unknownSequenceIds() {
        refuse(() -> WelcomeChecks.checkMembership(members(ALICE, 4L), List.of(ALICE_1), LOOKUP),
                GroupCheck.MISSING_IDENTITY_UPDATE, "at sequence id 4");
        // libxmtp's starting membership {creator: 0} cannot be checked: no update has sequence id 0
        refuse(() -> WelcomeChecks.checkMembership(GroupMembership.startingWith(ALICE), List.of(ALICE_1), LOOKUP),
                GroupCheck.MISSING_IDENTITY_UPDATE, "at sequence id 0");
    }

    // ---- DMs ----

    @Test
    void aProperDmIsAccepted() throws Exception {
        XmtpGroupState dm = GroupFixture.newDm();
        WelcomeChecks.checkDm(dm, ALICE, BOB);
        // Alice's second installation, welcomed by her first
        WelcomeChecks.checkDm(dm, ALICE, ALICE);
    }

    @Test
    void notADm() {
        refuse(() -> WelcomeChecks.checkDm(GroupFixture.newGroup(PolicySet.allMembers()), ALICE, BOB),
                GroupCheck.NOT_A_DM, "GROUP");
    }

    @Test
    void dmWithoutMembers() {
        XmtpGroupState dm = XmtpGroupState.from(GroupFixture.newDm().replacing(
                new GroupMetadata(ConversationType.DM, ALICE, Optional.empty(), Optional.empty()).toExtension()));
        refuse(() -> WelcomeChecks.checkDm(dm, ALICE, BOB), GroupCheck.DM_MEMBERS_MISSING, "no DM members");
    }

    @Test
    void dmBetweenOthers() {
        XmtpGroupState dm = GroupFixture.newDm();
        refuse(() -> WelcomeChecks.checkDm(dm, ALICE, CAROL), GroupCheck.DM_MEMBERS_MISMATCH, "not " + ALICE);
        refuse(() -> WelcomeChecks.checkDm(dm, CAROL, BOB), GroupCheck.DM_MEMBERS_MISMATCH, CAROL);
        refuse(() -> WelcomeChecks.checkDm(dm, CAROL, CAROL), GroupCheck.DM_OUR_INBOX_MISSING, "ourselves");
    }

    @Test
    void dmWithAdmins() {
        XmtpGroupState dm = GroupFixture.with(GroupFixture.newDm(), GroupMembership.startingWith(ALICE),
                m -> m.withSuperAdminAdded(ALICE));
        refuse(() -> WelcomeChecks.checkDm(dm, ALICE, BOB), GroupCheck.DM_HAS_ADMINS, ALICE);
        // not checked when we added ourselves (libxmtp returns early)
        assertThatNoException(() -> WelcomeChecks.checkDm(dm, ALICE, ALICE));
    }

    @Test
    void dmWithOtherPolicies() {
        XmtpGroupState open = XmtpGroupState.from(GroupFixture.newDm().replacing(
                PolicySet.allMembers().toExtension()));
        refuse(() -> WelcomeChecks.checkDm(open, ALICE, BOB), GroupCheck.DM_PERMISSIONS, "not a DM's");
        // stricter than libxmtp: one policy differing is enough
        PolicySet dm = PolicySet.dm();
        XmtpGroupState oneOff = XmtpGroupState.from(GroupFixture.newDm().replacing(new PolicySet(
                MembershipPolicy.allow(), dm.removeMember(), dm.updateMetadata(), dm.addAdmin(), dm.removeAdmin(),
                dm.updatePermissions()).toExtension()));
        refuse(() -> WelcomeChecks.checkDm(oneOff, ALICE, BOB), GroupCheck.DM_PERMISSIONS, "not a DM's");
        // metadata policies are not checked
        XmtpGroupState renamed = XmtpGroupState.from(GroupFixture.newDm().replacing(
                dm.withMetadataPolicy("group_name", MetadataPolicy.deny()).toExtension()));
        assertThatNoException(() -> WelcomeChecks.checkDm(renamed, ALICE, BOB));
    }

    private static void assertThatNoException(ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatNoException().isThrownBy(call);
    }

    private static void refuse(ThrowingCallable call, GroupCheck check, String detail) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(GroupCheckException.class, e -> assertThat(e.check()).isEqualTo(check))
                .hasMessageContaining(detail);
    }
}
