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
import static io.socon.messaging.impl.client.group.GroupFixture.C1;
import static io.socon.messaging.impl.client.group.GroupFixture.CAROL;
import static io.socon.messaging.impl.client.group.GroupFixture.CAROL_1;
import static io.socon.messaging.impl.client.group.GroupFixture.LOOKUP;
import static io.socon.messaging.impl.client.group.GroupFixture.aliceAndBob;
import static io.socon.messaging.impl.client.group.GroupFixture.members;
import static io.socon.messaging.impl.client.group.GroupFixture.newDm;
import static io.socon.messaging.impl.client.group.GroupFixture.newGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.wire.mls.messagecontents.ProposalSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * libxmtp 1.10's commit rules ({@code groups/validated_commit.rs}): commits libxmtp makes are accepted, and
 * each refusal is reached by a commit that breaks that rule and no earlier one.
 */
class CommitValidatorTest {

    private final CommitValidator validator = new CommitValidator("1.10.0");

    /** A commit with an update path by {@code committer}. */
    private static CommitFacts commit(XmtpGroupState before, List<Extension> after, LeafMember committer,
                                      Set<Bytes> tree, ProposalFact... proposals) {
        return new CommitFacts(before, after, Optional.of(committer), List.of(proposals), tree);
    }

    private ValidatedCommit accept(CommitFacts commit) throws GroupCheckException {
        return validator.validate(commit, LOOKUP);
    }

    private void refuse(CommitFacts commit, GroupCheck check, String detail) {
        assertThatThrownBy(() -> validator.validate(commit, LOOKUP))
                .isInstanceOfSatisfying(GroupCheckException.class, e -> assertThat(e.check()).isEqualTo(check))
                .hasMessageContaining(detail);
    }

    private static final Set<Bytes> TREE_A = Set.of(A1);
    private static final Set<Bytes> TREE_AB = Set.of(A1, A2, B1);

    // ---- commits libxmtp makes ----

    @Test
    void creatorsFirstCommitAddsBobAndItsOwnOtherInstallation() throws Exception {
        XmtpGroupState before = newGroup(PolicySet.allMembers());
        GroupMembership next = members(ALICE, 5L, BOB, 2L);

        ValidatedCommit validated = accept(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_A,
                ProposalFact.add(ALICE_1, ALICE_2), ProposalFact.add(ALICE_1, BOB_1),
                ProposalFact.groupContextExtensions(ALICE_1)));

        assertThat(validated.committer()).isEqualTo(new Actor(ALICE, A1, true, false, true));
        assertThat(validated.proposers()).containsExactly(validated.committer());
        assertThat(validated.addedInboxes()).extracting(InboxChange::inboxId).containsExactly(BOB);
        assertThat(validated.addedInboxes().get(0).proposer()).contains(validated.committer());
        assertThat(validated.removedInboxes()).isEmpty();
        assertThat(validated.installationsChanged()).isTrue();
        assertThat(validated.permissionsChanged()).isFalse();
        assertThat(validated.metadata().isEmpty()).isTrue();
        assertThat(validated.readdedInstallations()).isEmpty();
        assertThat(validated.dmMembers()).isEmpty();
    }

    @Test
    void theCreatorsOwnInstallationMayBeAddedAgainBecauseItIsInTheTree() throws Exception {
        // the creator at sequence id 0 has "no" installations, so a1 is expected as added; a1 is in the tree
        XmtpGroupState before = newGroup(PolicySet.allMembers());
        GroupMembership next = members(ALICE, 5L, BOB, 2L);
        accept(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_A,
                ProposalFact.add(ALICE_1, ALICE_1), ProposalFact.add(ALICE_1, ALICE_2),
                ProposalFact.add(ALICE_1, BOB_1), ProposalFact.groupContextExtensions(ALICE_1)));
    }

    @Test
    void keyUpdateWithoutProposals() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        ValidatedCommit validated = accept(commit(before, before.extensions(), BOB_1, TREE_AB));
        assertThat(validated.committer().inboxId()).isEqualTo(BOB);
        assertThat(validated.installationsChanged()).isFalse();
        assertThat(validated.proposers()).isEmpty();
    }

    @Test
    void newInstallationOfAMemberAndFailedInstallations() throws Exception {
        // Bob moves from 2 to 7 and gains b2; b2 has no key package, so it is listed as failed and not added
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        GroupMembership next = members(ALICE, 5L, BOB, 7L).withFailedInstallations(List.of(B2));
        accept(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_AB,
                ProposalFact.groupContextExtensions(ALICE_1)));
        // or it is added
        GroupMembership added = members(ALICE, 5L, BOB, 7L);
        accept(commit(before, before.replacing(added.toExtension()), ALICE_1, TREE_AB,
                ProposalFact.add(ALICE_1, BOB_2), ProposalFact.groupContextExtensions(ALICE_1)));
    }

    @Test
    void anyMemberMayBringAMembersInstallationsInStepWhateverThePolicies() throws Exception {
        // libxmtp judges only added and removed inboxes against the policies, never an inbox whose sequence id
        // moves: Bob, no admin of an admins-only group, adds his own new b2
        XmtpGroupState adminsOnly = aliceAndBob(PolicySet.adminsOnly(), UnaryOperator.identity());
        GroupMembership next = members(ALICE, 5L, BOB, 7L);
        ValidatedCommit validated = accept(commit(adminsOnly, adminsOnly.replacing(next.toExtension()), BOB_1,
                TREE_AB, ProposalFact.add(BOB_1, BOB_2), ProposalFact.groupContextExtensions(BOB_1)));
        assertThat(validated.addedInboxes()).isEmpty();
        assertThat(validated.removedInboxes()).isEmpty();
        assertThat(validated.installationsChanged()).isTrue();
        // and in a DM, whose policies deny adding and removing members
        XmtpGroupState dm = GroupFixture.with(newDm(), members(ALICE, 5L, BOB, 2L), UnaryOperator.identity());
        accept(commit(dm, dm.replacing(next.toExtension()), ALICE_1, TREE_AB, ProposalFact.add(ALICE_1, BOB_2),
                ProposalFact.groupContextExtensions(ALICE_1)));
        accept(commit(dm, dm.replacing(next.toExtension()), BOB_1, TREE_AB, ProposalFact.add(BOB_1, BOB_2),
                ProposalFact.groupContextExtensions(BOB_1)));
    }

    @Test
    void aRevokedInstallationIsRemovedExactlyWhenItsInboxMovesPastTheRevocation() throws Exception {
        Set<Bytes> tree = Set.of(A1, A2, B1, B2);
        XmtpGroupState before = GroupFixture.with(newGroup(PolicySet.adminsOnly()), members(ALICE, 5L, BOB, 7L),
                UnaryOperator.identity());
        List<Extension> after = before.replacing(members(ALICE, 5L, BOB, 9L).toExtension());
        ValidatedCommit validated = accept(commit(before, after, BOB_1, tree, ProposalFact.remove(BOB_1, BOB_2),
                ProposalFact.groupContextExtensions(BOB_1)));
        assertThat(validated.removedInboxes()).isEmpty();
        assertThat(validated.installationsChanged()).isTrue();
        // moving Bob on without removing b2, removing b1 instead, or removing b2 without moving Bob: refused
        refuse(commit(before, after, BOB_1, tree, ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.UNEXPECTED_INSTALLATION_REMOVED, "called for but not removed: [" + B2.toHex() + "]");
        refuse(commit(before, after, ALICE_1, tree, ProposalFact.remove(ALICE_1, BOB_1),
                ProposalFact.groupContextExtensions(ALICE_1)), GroupCheck.UNEXPECTED_INSTALLATION_REMOVED,
                "removed but not called for: [" + B1.toHex() + "]");
        refuse(commit(before, before.extensions(), ALICE_1, tree, ProposalFact.remove(ALICE_1, BOB_2)),
                GroupCheck.UNEXPECTED_INSTALLATION_REMOVED, "removed but not called for: [" + B2.toHex() + "]");
        // a revoked installation cannot commit: its inbox no longer lists it at the new sequence id
        refuse(commit(before, after, BOB_2, tree, ProposalFact.remove(BOB_2, BOB_2),
                ProposalFact.groupContextExtensions(BOB_2)), GroupCheck.INSTALLATION_NOT_IN_INBOX, B2.toHex());
    }

    @Test
    void removingAMemberRemovesAllItsInstallationsButFailedOnes() throws Exception {
        XmtpGroupState before = GroupFixture.with(newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 7L).withFailedInstallations(List.of(B2)), UnaryOperator.identity());
        GroupMembership next = members(ALICE, 5L).withFailedInstallations(List.of(B2));
        ValidatedCommit validated = accept(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_AB,
                ProposalFact.remove(ALICE_1, BOB_1), ProposalFact.groupContextExtensions(ALICE_1)));
        assertThat(validated.removedInboxes()).extracting(InboxChange::inboxId).containsExactly(BOB);
    }

    @Test
    void aSuperAdminMayReaddAnInstallation() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        ValidatedCommit validated = accept(commit(before, before.extensions(), ALICE_1, TREE_AB,
                ProposalFact.remove(ALICE_1, BOB_1), ProposalFact.add(ALICE_1, BOB_1)));
        assertThat(validated.readdedInstallations()).containsExactly(B1);
        assertThat(validated.installationsChanged()).isTrue();

        // the same by Bob, who is not a super admin: b1 may be added (it is in the tree) but not removed
        refuse(commit(before, before.extensions(), BOB_1, TREE_AB, ProposalFact.remove(BOB_1, BOB_1),
                ProposalFact.add(BOB_1, BOB_1)), GroupCheck.UNEXPECTED_INSTALLATION_REMOVED, B1.toHex());
    }

    @Test
    void metadataAdminAndPermissionChangesBySuperAdmin() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        MutableMetadata changed = before.mutableMetadata().withAttribute("group_name", "x".repeat(100))
                .withAdminAdded(BOB).withSuperAdminAdded(CAROL);
        List<Extension> after = XmtpGroupExtensions.replace(before.replacing(changed.toExtension()),
                PolicySet.adminsOnly().toExtension());
        ValidatedCommit validated = accept(commit(before, after, ALICE_1, TREE_AB,
                ProposalFact.groupContextExtensions(ALICE_1)));

        assertThat(validated.metadata().fieldChanges()).containsExactly(new ValidatedCommit.FieldChange(
                "group_name", Optional.of(""), Optional.of("x".repeat(100))));
        assertThat(validated.metadata().adminsAdded()).extracting(InboxChange::inboxId).containsExactly(BOB);
        assertThat(validated.metadata().superAdminsAdded()).extracting(InboxChange::inboxId).containsExactly(CAROL);
        assertThat(validated.metadata().superAdminCount()).isEqualTo(2);
        assertThat(validated.permissionsChanged()).isTrue();
    }

    // ---- DMs ----

    @Test
    void dmCreatorAddsThePeerDespiteTheDenyPolicy() throws Exception {
        XmtpGroupState before = newDm();
        GroupMembership next = members(ALICE, 5L, BOB, 7L);
        ValidatedCommit validated = accept(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_A,
                ProposalFact.add(ALICE_1, ALICE_2), ProposalFact.add(ALICE_1, BOB_1), ProposalFact.add(ALICE_1, BOB_2),
                ProposalFact.groupContextExtensions(ALICE_1)));
        assertThat(validated.dmMembers()).contains(new DmMembers(ALICE, BOB));
    }

    @Test
    void aDmCannotGainAThirdMember() {
        XmtpGroupState before = newDm();
        GroupMembership carol = members(ALICE, 5L, CAROL, 3L);
        refuse(commit(before, before.replacing(carol.toExtension()), ALICE_1, TREE_A,
                ProposalFact.add(ALICE_1, ALICE_2), ProposalFact.add(ALICE_1, CAROL_1),
                ProposalFact.groupContextExtensions(ALICE_1)), GroupCheck.ADD_MEMBER_DENIED, CAROL);
        // the exception covers exactly one added inbox
        GroupMembership both = members(ALICE, 5L, BOB, 2L, CAROL, 3L);
        refuse(commit(before, before.replacing(both.toExtension()), ALICE_1, TREE_A,
                ProposalFact.add(ALICE_1, ALICE_2), ProposalFact.add(ALICE_1, BOB_1),
                ProposalFact.add(ALICE_1, CAROL_1), ProposalFact.groupContextExtensions(ALICE_1)),
                GroupCheck.ADD_MEMBER_DENIED, "add-member policy");
    }

    @Test
    void aDmCannotLoseAMember() {
        XmtpGroupState before = GroupFixture.with(newDm(), members(ALICE, 5L, BOB, 2L), UnaryOperator.identity());
        GroupMembership next = members(ALICE, 5L);
        refuse(commit(before, before.replacing(next.toExtension()), ALICE_1, TREE_AB,
                ProposalFact.remove(ALICE_1, BOB_1), ProposalFact.groupContextExtensions(ALICE_1)),
                GroupCheck.REMOVE_MEMBER_DENIED, BOB);
    }

    @Test
    void dmMembersMayRenameTheDm() throws Exception {
        XmtpGroupState before = GroupFixture.with(newDm(), members(ALICE, 5L, BOB, 2L), UnaryOperator.identity());
        accept(commit(before, before.replacing(before.mutableMetadata().withAttribute("group_name", "us")
                .toExtension()), BOB_1, TREE_AB, ProposalFact.groupContextExtensions(BOB_1)));
    }

    // ---- refusals, in libxmtp's order ----

    @Test
    void malformedExtensions() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        List<Extension> noPermissions = before.extensions().stream().filter(e -> e.type() != 0xff02).toList();
        refuse(commit(before, noPermissions, ALICE_1, TREE_AB), GroupCheck.MALFORMED_EXTENSIONS,
                "0xff02 (GroupMutablePermissions): missing");
        List<Extension> badMembership = XmtpGroupExtensionsTest.with(before.extensions(), 0xff01, Hex.bytes("0a"));
        refuse(commit(before, badMembership, ALICE_1, TREE_AB), GroupCheck.MALFORMED_EXTENSIONS, "0xff01");
    }

    @Test
    void immutableMetadataMustStay() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(commit(before, before.replacing(GroupMetadata.forDm(ALICE, BOB).toExtension()), ALICE_1, TREE_AB),
                GroupCheck.IMMUTABLE_METADATA_CHANGED, "changes");
        refuse(commit(before, before.extensions().stream().filter(e -> e.type() != 0xf000).toList(), ALICE_1,
                TREE_AB), GroupCheck.IMMUTABLE_METADATA_CHANGED, "removes");
    }

    @Test
    void fieldLengthsCountUtf8Bytes() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        // 51 x "é" is 51 characters but 102 bytes
        refuse(metadataCommit(before, "group_name", "é".repeat(51)), GroupCheck.FIELD_TOO_LONG, "102 bytes");
        refuse(metadataCommit(before, "description", "d".repeat(1001)), GroupCheck.FIELD_TOO_LONG, "1000");
        refuse(metadataCommit(before, "group_image_url_square", "u".repeat(2049)), GroupCheck.FIELD_TOO_LONG,
                "2048");
        refuse(metadataCommit(before, "app_data", "a".repeat(8193)), GroupCheck.FIELD_TOO_LONG, "8192");
        accept(metadataCommit(before, "group_name", "é".repeat(50)));
        accept(metadataCommit(before, "app_data", "a".repeat(8192)));
        accept(metadataCommit(before, "other_field_without_limit", "o".repeat(10_000)));
    }

    private static CommitFacts metadataCommit(XmtpGroupState before, String key, String value) {
        return commit(before, before.replacing(before.mutableMetadata().withAttribute(key, value).toExtension()),
                ALICE_1, TREE_AB, ProposalFact.groupContextExtensions(ALICE_1));
    }

    @Test
    void proposalsFromNonMembers() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB, new ProposalFact(
                        ProposalFact.Kind.GROUP_CONTEXT_EXTENSIONS, Optional.empty(), Optional.empty())),
                GroupCheck.ACTOR_NOT_MEMBER, "non-member");
    }

    @Test
    void committerUnknownWithoutPathAndWithTwoProposers() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(new CommitFacts(before, before.extensions(), Optional.empty(), List.of(
                ProposalFact.of(ProposalFact.Kind.OTHER, ALICE_1), ProposalFact.of(ProposalFact.Kind.OTHER, BOB_1)),
                TREE_AB), GroupCheck.ACTOR_NOT_FOUND, "2 proposers");
        refuse(new CommitFacts(before, before.extensions(), Optional.empty(), List.of(), TREE_AB),
                GroupCheck.ACTOR_NOT_FOUND, "0 proposers");
        // one proposer and no path: the proposer is the committer
        ValidatedCommit validated = validator.validate(new CommitFacts(before, before.extensions(),
                Optional.empty(), List.of(ProposalFact.of(ProposalFact.Kind.OTHER, BOB_1)), TREE_AB), LOOKUP);
        assertThat(validated.committer().inboxId()).isEqualTo(BOB);
    }

    @Test
    void preSharedKeys() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB,
                ProposalFact.of(ProposalFact.Kind.PRE_SHARED_KEY, ALICE_1)), GroupCheck.PRE_SHARED_KEY, "PSK");
    }

    @Test
    void sequenceIdsNeverDecrease() {
        XmtpGroupState before = GroupFixture.with(newGroup(PolicySet.allMembers()), members(ALICE, 5L, BOB, 7L),
                UnaryOperator.identity());
        refuse(commit(before, before.replacing(members(ALICE, 5L, BOB, 2L).toExtension()), ALICE_1,
                Set.of(A1, A2, B1, B2), ProposalFact.groupContextExtensions(ALICE_1)),
                GroupCheck.SEQUENCE_ID_DECREASED, "from sequence id 7 to 2");
    }

    @Test
    void withProposalsByReferenceEveryMembershipChangeNeedsAProposer() throws Exception {
        XmtpGroupState plain = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        XmtpGroupState before = XmtpGroupState.from(plain.replacing(new Extension(0xff05,
                Bytes.copyOf(ProposalSupport.newBuilder().setVersion(1).build().toByteArray()))));
        assertThat(before.proposalsEnabled()).isTrue();
        List<Extension> after = before.replacing(members(ALICE, 5L, BOB, 2L, CAROL, 3L).toExtension());
        // Carol joins the membership, but neither an Add of hers nor a GroupContextExtensions proposal says who
        refuse(commit(before, after, ALICE_1, TREE_AB), GroupCheck.PROPOSER_NOT_FOUND, CAROL);
        accept(commit(before, after, ALICE_1, TREE_AB, ProposalFact.add(ALICE_1, CAROL_1)));
        accept(commit(before, after, ALICE_1, TREE_AB, ProposalFact.groupContextExtensions(ALICE_1)));
        // without proposals by reference the committer stands in
        accept(commit(plain, plain.replacing(members(ALICE, 5L, BOB, 2L, CAROL, 3L).toExtension()), ALICE_1,
                TREE_AB));
    }

    @Test
    void unknownIdentityStateIsRetryable() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        List<Extension> after = before.replacing(members(ALICE, 5L, BOB, 4L).toExtension());
        assertThatThrownBy(() -> validator.validate(commit(before, after, ALICE_1, TREE_AB,
                ProposalFact.groupContextExtensions(ALICE_1)), LOOKUP))
                .isInstanceOfSatisfying(GroupCheckException.class, e -> {
                    assertThat(e.check()).isEqualTo(GroupCheck.MISSING_IDENTITY_UPDATE);
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("at sequence id 4");
    }

    @Test
    void installationsAddedMustBeCalledFor() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        // Carol's installation without Carol in the membership
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB, ProposalFact.add(ALICE_1, CAROL_1)),
                GroupCheck.UNEXPECTED_INSTALLATION_ADDED, C1.toHex());
        // Bob's b2 while Bob stays at sequence id 2
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB, ProposalFact.add(ALICE_1, BOB_2)),
                GroupCheck.UNEXPECTED_INSTALLATION_ADDED, B2.toHex());
    }

    @Test
    void installationsRemovedMustBeExactlyThoseCalledFor() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        // removing b1 while Bob stays
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB, ProposalFact.remove(ALICE_1, BOB_1)),
                GroupCheck.UNEXPECTED_INSTALLATION_REMOVED, "removed but not called for: [" + B1.toHex() + "]");
        // Bob leaves the membership but b1 stays in the tree
        refuse(commit(before, before.replacing(members(ALICE, 5L).toExtension()), ALICE_1, TREE_AB,
                ProposalFact.groupContextExtensions(ALICE_1)), GroupCheck.UNEXPECTED_INSTALLATION_REMOVED,
                "called for but not removed: [" + B1.toHex() + "]");
    }

    @Test
    void theCommittersInboxMustStayAMember() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(commit(before, before.replacing(members(ALICE, 5L).toExtension()), BOB_1, TREE_AB,
                ProposalFact.remove(BOB_1, BOB_1), ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.SUBJECT_NOT_A_MEMBER, BOB);
    }

    @Test
    void theCommittersInstallationMustBelongToItsInbox() {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        LeafMember impostor = new LeafMember(ALICE, B1);
        refuse(commit(before, before.extensions(), impostor, TREE_AB), GroupCheck.INSTALLATION_NOT_IN_INBOX,
                B1.toHex());
        // and so must an updated leaf's
        refuse(commit(before, before.extensions(), ALICE_1, TREE_AB,
                ProposalFact.update(BOB_1, new LeafMember(BOB, A2))), GroupCheck.INSTALLATION_NOT_IN_INBOX,
                A2.toHex());
    }

    @Test
    void addMemberPolicyIsJudgedAgainstTheProposer() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.adminsOnly(), UnaryOperator.identity());
        List<Extension> after = before.replacing(members(ALICE, 5L, BOB, 2L, CAROL, 3L).toExtension());
        refuse(commit(before, after, BOB_1, TREE_AB, ProposalFact.add(BOB_1, CAROL_1),
                ProposalFact.groupContextExtensions(BOB_1)), GroupCheck.ADD_MEMBER_DENIED, CAROL);
        // Bob's proposal committed by Alice: still Bob's add
        refuse(commit(before, after, ALICE_1, TREE_AB, ProposalFact.add(BOB_1, CAROL_1),
                ProposalFact.groupContextExtensions(ALICE_1)), GroupCheck.ADD_MEMBER_DENIED, CAROL);
        // Alice's proposal committed by Bob: allowed
        accept(commit(before, after, BOB_1, TREE_AB, ProposalFact.add(ALICE_1, CAROL_1),
                ProposalFact.groupContextExtensions(ALICE_1)));
    }

    @Test
    void removeMemberPolicyAndSuperAdmins() throws Exception {
        XmtpGroupState three = GroupFixture.with(newGroup(PolicySet.allMembers()),
                members(ALICE, 5L, BOB, 2L, CAROL, 3L), UnaryOperator.identity());
        Set<Bytes> tree = Set.of(A1, A2, B1, C1);
        List<Extension> withoutCarol = three.replacing(members(ALICE, 5L, BOB, 2L).toExtension());
        refuse(commit(three, withoutCarol, BOB_1, tree, ProposalFact.remove(BOB_1, CAROL_1),
                ProposalFact.groupContextExtensions(BOB_1)), GroupCheck.REMOVE_MEMBER_DENIED, "policy refuses");
        accept(commit(three, withoutCarol, ALICE_1, tree, ProposalFact.remove(ALICE_1, CAROL_1),
                ProposalFact.groupContextExtensions(ALICE_1)));

        // Bob, an admin, may remove members, but never the super admin Alice
        XmtpGroupState bobAdmin = GroupFixture.with(three, three.membership(), m -> m.withAdminAdded(BOB));
        List<Extension> withoutAlice = bobAdmin.replacing(members(BOB, 2L, CAROL, 3L).toExtension());
        refuse(commit(bobAdmin, withoutAlice, BOB_1, tree, ProposalFact.remove(BOB_1, ALICE_1),
                ProposalFact.remove(BOB_1, ALICE_2), ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.REMOVE_MEMBER_DENIED, "is a super admin");
    }

    @Test
    void metadataPolicy() {
        XmtpGroupState before = aliceAndBob(PolicySet.adminsOnly(), UnaryOperator.identity());
        refuse(commit(before, before.replacing(before.mutableMetadata().withAttribute("group_name", "b")
                .toExtension()), BOB_1, TREE_AB, ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.METADATA_UPDATE_DENIED, "group_name");
        // a field without a policy whose key starts with "_" is super-admin only, even in "all members"
        XmtpGroupState open = aliceAndBob(PolicySet.allMembers(), m -> m.withAdminAdded(BOB));
        refuse(commit(open, open.replacing(open.mutableMetadata().withAttribute("_commit_log_signer", "00")
                .toExtension()), BOB_1, TREE_AB, ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.METADATA_UPDATE_DENIED, "_commit_log_signer");
    }

    @Test
    void adminListPolicies() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(adminCommit(before, BOB_1, before.mutableMetadata().withAdminAdded(BOB)),
                GroupCheck.ADD_ADMIN_DENIED, BOB);
        XmtpGroupState bobAdmin = aliceAndBob(PolicySet.allMembers(), m -> m.withAdminAdded(BOB));
        refuse(adminCommit(bobAdmin, BOB_1, bobAdmin.mutableMetadata().withAdminRemoved(BOB)),
                GroupCheck.REMOVE_ADMIN_DENIED, BOB);
        refuse(adminCommit(bobAdmin, BOB_1, bobAdmin.mutableMetadata().withSuperAdminAdded(BOB)),
                GroupCheck.ADD_SUPER_ADMIN_DENIED, "not a super admin");
        refuse(adminCommit(bobAdmin, BOB_1, bobAdmin.mutableMetadata().withSuperAdminRemoved(ALICE)),
                GroupCheck.REMOVE_SUPER_ADMIN_DENIED, "not a super admin");
        // Alice may remove herself as super admin only if another remains
        refuse(adminCommit(before, ALICE_1, before.mutableMetadata().withSuperAdminRemoved(ALICE)),
                GroupCheck.REMOVE_SUPER_ADMIN_DENIED, "no super admin would be left");
        accept(adminCommit(before, ALICE_1, before.mutableMetadata().withSuperAdminAdded(BOB)
                .withSuperAdminRemoved(ALICE)));
        accept(adminCommit(before, ALICE_1, before.mutableMetadata().withAdminAdded(BOB)));
    }

    private static CommitFacts adminCommit(XmtpGroupState before, LeafMember committer, MutableMetadata changed) {
        return commit(before, before.replacing(changed.toExtension()), committer, TREE_AB,
                ProposalFact.groupContextExtensions(committer));
    }

    @Test
    void onlySuperAdminsChangePermissionsWhateverThePolicySays() throws Exception {
        // even with update_permissions_policy = ALLOW_IF_ADMIN, an admin may not (libxmtp ignores that policy)
        PolicySet lenient = new PolicySet(MembershipPolicy.allow(), MembershipPolicy.allowIfAdmin(),
                PolicySet.allMembers().updateMetadata(), PermissionsUpdatePolicy.allowIfAdmin(),
                PermissionsUpdatePolicy.allowIfAdmin(), PermissionsUpdatePolicy.allowIfAdmin());
        XmtpGroupState before = aliceAndBob(lenient, m -> m.withAdminAdded(BOB));
        List<Extension> after = before.replacing(PolicySet.adminsOnly().toExtension());
        refuse(commit(before, after, BOB_1, TREE_AB, ProposalFact.groupContextExtensions(BOB_1)),
                GroupCheck.PERMISSIONS_UPDATE_DENIED, BOB);
        accept(commit(before, after, ALICE_1, TREE_AB, ProposalFact.groupContextExtensions(ALICE_1)));
    }

    @Test
    void minimumProtocolVersion() throws Exception {
        XmtpGroupState before = aliceAndBob(PolicySet.allMembers(), UnaryOperator.identity());
        refuse(metadataCommit(before, "minimum_supported_protocol_version", "1.11.0"),
                GroupCheck.PROTOCOL_VERSION_TOO_LOW, "1.11.0");
        refuse(metadataCommit(before, "minimum_supported_protocol_version", "1.10"),
                GroupCheck.INVALID_VERSION_FORMAT, "1.10");
        accept(metadataCommit(before, "minimum_supported_protocol_version", "1.10.0"));
        accept(metadataCommit(before, "minimum_supported_protocol_version", "1.9.9-rc1"));
        // once set, it holds for every later commit, even one that does not touch the metadata
        XmtpGroupState pinned = aliceAndBob(PolicySet.allMembers(),
                m -> m.withAttribute("minimum_supported_protocol_version", "2.0.0"));
        refuse(commit(pinned, pinned.extensions(), BOB_1, TREE_AB), GroupCheck.PROTOCOL_VERSION_TOO_LOW, "2.0.0");
    }

    @Test
    void versionsCompareAsLibxmtpCompares() {
        assertThat(LibxmtpVersion.parse("1.10.0")).isGreaterThan(LibxmtpVersion.parse("1.9.99"));
        assertThat(LibxmtpVersion.parse("1.10.0-rc1")).isGreaterThan(LibxmtpVersion.parse("1.10.0"));
        assertThat(LibxmtpVersion.parse("1.10.0-a")).isLessThan(LibxmtpVersion.parse("1.10.0-b"));
        assertThat(LibxmtpVersion.parse("1.2.3-x-y").suffix()).contains("x");
        assertThat(LibxmtpVersion.parse("4294967295.0.0").major()).isEqualTo(4294967295L);
        for (String bad : new String[] {"1.2", "1.2.3.4", "a.2.3", "1..3", "1.2.-3", "4294967296.0.0", ""}) {
            assertThatThrownBy(() -> LibxmtpVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
