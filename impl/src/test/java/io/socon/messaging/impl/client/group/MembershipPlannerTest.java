package io.socon.messaging.impl.client.group;

import static io.socon.messaging.impl.client.group.GroupFixture.A1;
import static io.socon.messaging.impl.client.group.GroupFixture.A2;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE_1;
import static io.socon.messaging.impl.client.group.GroupFixture.ALICE_2;
import static io.socon.messaging.impl.client.group.GroupFixture.B1;
import static io.socon.messaging.impl.client.group.GroupFixture.B2;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB_1;
import static io.socon.messaging.impl.client.group.GroupFixture.BOB_2;
import static io.socon.messaging.impl.client.group.GroupFixture.CAROL;
import static io.socon.messaging.impl.client.group.GroupFixture.LATEST;
import static io.socon.messaging.impl.client.group.GroupFixture.LOOKUP;
import static io.socon.messaging.impl.client.group.GroupFixture.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Membership planning as libxmtp 1.10 does it ({@code get_membership_update_intent},
 * {@code calculate_membership_changes_with_keypackages}), and the commits it plans pass
 * {@link CommitValidator}.
 */
class MembershipPlannerTest {

    private final CommitValidator validator = new CommitValidator("1.10.0");

    @Test
    void creatorAddsBob() throws Exception {
        XmtpGroupState group = GroupFixture.newGroup(PolicySet.allMembers());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(BOB), List.of(), LATEST, LOOKUP,
                List.of(ALICE_1), A1);

        assertThat(change.membership()).isEqualTo(members(ALICE, 5L, BOB, 7L));
        assertThat(change.sequenceIdUpdates()).isEqualTo(Map.of(ALICE, 5L, BOB, 7L));
        assertThat(change.diff().added()).containsExactly(BOB);
        assertThat(change.diff().updated()).containsExactly(ALICE);
        // our own a1 is never added; the rest sorted by key
        assertThat(change.installationsToAdd()).containsExactly(A2, B1, B2);
        assertThat(change.leavesToRemove()).isEmpty();
        assertThat(change.removesOwnLeaf()).isFalse();
        assertThat(change.isEmpty()).isFalse();

        validator.validate(commitOf(group, change.membership(), List.of(ALICE_2, BOB_1, BOB_2), List.of(),
                Set.of(A1)), LOOKUP);
    }

    @Test
    void keyPackagesThatFailAreRecordedAsFailedInstallations() throws Exception {
        XmtpGroupState group = GroupFixture.newGroup(PolicySet.allMembers());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(BOB), List.of(), LATEST, LOOKUP,
                List.of(ALICE_1), A1);
        GroupMembership committed = change.membershipWithFailures(List.of(B2));

        assertThat(committed.failedInstallations()).containsExactly(B2);
        assertThat(committed.members()).isEqualTo(change.membership().members());
        validator.validate(commitOf(group, committed, List.of(ALICE_2, BOB_1), List.of(), Set.of(A1)), LOOKUP);
    }

    @Test
    void removingBobRemovesHisLeaves() throws Exception {
        XmtpGroupState group = GroupFixture.with(GroupFixture.newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 7L), UnaryOperator.identity());
        List<LeafMember> leaves = List.of(ALICE_1, BOB_1, ALICE_2, BOB_2);
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(), List.of(BOB), LATEST, LOOKUP,
                leaves, A1);

        assertThat(change.membership()).isEqualTo(members(ALICE, 5L));
        assertThat(change.diff().removed()).containsExactly(BOB);
        assertThat(change.installationsToAdd()).isEmpty();
        assertThat(change.leavesToRemove()).containsExactly(BOB_1, BOB_2);
        validator.validate(commitOf(group, change.membership(), List.of(), change.leavesToRemove(),
                Set.of(A1, A2, B1, B2)), LOOKUP);
    }

    @Test
    void failedInstallationsAreNotRemovedAgain() throws Exception {
        XmtpGroupState group = GroupFixture.with(GroupFixture.newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 7L).withFailedInstallations(List.of(B2)), UnaryOperator.identity());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(), List.of(BOB), LATEST, LOOKUP,
                List.of(ALICE_1, ALICE_2, BOB_1), A1);
        assertThat(change.leavesToRemove()).containsExactly(BOB_1);
        assertThat(change.removedInstallations()).containsExactly(B1);
        // libxmtp keeps the old failed installations in the list
        assertThat(change.membership().failedInstallations()).containsExactly(B2);
        validator.validate(commitOf(group, change.membership(), List.of(), change.leavesToRemove(),
                Set.of(A1, A2, B1)), LOOKUP);
    }

    @Test
    void membersWithNewerIdentityUpdatesMoveToTheirLatestSequenceId() throws Exception {
        XmtpGroupState group = GroupFixture.aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(), List.of(), LATEST, LOOKUP,
                List.of(ALICE_1, ALICE_2, BOB_1), A1);
        assertThat(change.sequenceIdUpdates()).isEqualTo(Map.of(BOB, 7L));
        assertThat(change.diff().updated()).containsExactly(BOB);
        assertThat(change.installationsToAdd()).containsExactly(B2);
        validator.validate(commitOf(group, change.membership(), List.of(BOB_2), List.of(), Set.of(A1, A2, B1)),
                LOOKUP);
    }

    @Test
    void aRevokedInstallationOfAMemberIsRemovedButNeverByItself() throws Exception {
        XmtpGroupState group = GroupFixture.with(GroupFixture.newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 7L), UnaryOperator.identity());
        List<LeafMember> leaves = List.of(ALICE_1, ALICE_2, BOB_1, BOB_2);
        Map<String, Long> latest = Map.of(ALICE, 5L, BOB, 9L);
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(), List.of(), latest, LOOKUP,
                leaves, A1);
        assertThat(change.sequenceIdUpdates()).isEqualTo(Map.of(BOB, 9L));
        assertThat(change.installationsToAdd()).isEmpty();
        assertThat(change.leavesToRemove()).containsExactly(BOB_2);
        assertThat(change.removesOwnLeaf()).isFalse();
        assertThat(change.isEmpty()).isFalse();
        validator.validate(commitOf(group, change.membership(), List.of(), List.of(BOB_2), Set.of(A1, A2, B1, B2)),
                LOOKUP);
        // planned by b2 itself, the change would remove its own leaf: libxmtp then commits nothing
        assertThat(MembershipPlanner.plan(group.membership(), List.of(), List.of(), latest, LOOKUP, leaves, B2)
                .removesOwnLeaf()).isTrue();
    }

    @Test
    void nothingToDo() throws Exception {
        XmtpGroupState group = GroupFixture.with(GroupFixture.newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 7L), UnaryOperator.identity());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(BOB), List.of(), LATEST, LOOKUP,
                List.of(ALICE_1, ALICE_2, BOB_1, BOB_2), A1);
        assertThat(change.isEmpty()).isTrue();
        assertThat(change.membership()).isEqualTo(group.membership());
        // a latest sequence id below the recorded one changes nothing either
        MembershipChange older = MembershipPlanner.plan(group.membership(), List.of(), List.of(),
                Map.of(ALICE, 5L, BOB, 2L), LOOKUP, List.of(ALICE_1, ALICE_2, BOB_1, BOB_2), A1);
        assertThat(older.isEmpty()).isTrue();
    }

    @Test
    void removingOurOwnInboxWouldRemoveOurLeaf() throws Exception {
        XmtpGroupState group = GroupFixture.aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        MembershipChange change = MembershipPlanner.plan(group.membership(), List.of(), List.of(ALICE), LATEST,
                LOOKUP, List.of(ALICE_1, ALICE_2, BOB_1), A1);
        assertThat(change.removesOwnLeaf()).isTrue();
    }

    @Test
    void unknownLatestSequenceIdOrInstallations() {
        XmtpGroupState group = GroupFixture.newGroup(PolicySet.allMembers());
        assertThatThrownBy(() -> MembershipPlanner.plan(group.membership(), List.of(CAROL), List.of(),
                Map.of(ALICE, 5L), LOOKUP, List.of(ALICE_1), A1))
                .isInstanceOfSatisfying(GroupCheckException.class,
                        e -> assertThat(e.check()).isEqualTo(GroupCheck.MISSING_IDENTITY_UPDATE))
                .hasMessageContaining("no latest sequence id for inbox " + CAROL);
        assertThatThrownBy(() -> MembershipPlanner.plan(group.membership(), List.of(CAROL), List.of(),
                Map.of(ALICE, 5L, CAROL, 9L), LOOKUP, List.of(ALICE_1), A1))
                .isInstanceOfSatisfying(GroupCheckException.class,
                        e -> assertThat(e.check()).isEqualTo(GroupCheck.MISSING_IDENTITY_UPDATE))
                .hasMessageContaining("at sequence id 9");
    }

    @Test
    void newDmWithBobPassesTheDmRules() throws Exception {
        XmtpGroupState dm = GroupFixture.newDm();
        MembershipChange change = MembershipPlanner.plan(dm.membership(), List.of(BOB), List.of(), LATEST, LOOKUP,
                List.of(ALICE_1), A1);
        validator.validate(commitOf(dm, change.membership(), List.of(ALICE_2, BOB_1, BOB_2), List.of(), Set.of(A1)),
                LOOKUP);
    }

    /** The commit libxmtp makes for a plan: Adds, Removes and a GroupContextExtensions, all by value. */
    private static CommitFacts commitOf(XmtpGroupState before, GroupMembership membership, List<LeafMember> adds,
                                        List<LeafMember> removes, Set<Bytes> tree) {
        List<ProposalFact> proposals = new ArrayList<>();
        adds.forEach(leaf -> proposals.add(ProposalFact.add(ALICE_1, leaf)));
        removes.forEach(leaf -> proposals.add(ProposalFact.remove(ALICE_1, leaf)));
        proposals.add(ProposalFact.groupContextExtensions(ALICE_1));
        return new CommitFacts(before, before.replacing(membership.toExtension()), Optional.of(ALICE_1), proposals,
                new HashSet<>(tree));
    }
}
