package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.client.group.ValidatedCommit.FieldChange;
import io.socon.messaging.impl.client.group.ValidatedCommit.MetadataChanges;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * XMTP's rules for a commit, applied after MLS has checked it and before it is merged: libxmtp 1.10's
 * {@code ValidatedCommit::from_staged_commit} ({@code groups/validated_commit.rs}) with the policy evaluation
 * of {@code PolicySet::evaluate_commit} ({@code groups/group_permissions.rs}). In libxmtp's order:
 * <ol>
 *   <li>the new context still has XMTP's extensions and keeps the immutable metadata (our addition);</li>
 *   <li>no metadata field exceeds its length limit;</li>
 *   <li>the committer is known: the update path's leaf, else the only proposer; every proposer is a member;</li>
 *   <li>no pre-shared key proposal;</li>
 *   <li>no inbox's sequence id goes down; with proposals by reference each joining or leaving inbox has a
 *       proposer;</li>
 *   <li>the installations added and removed are exactly those implied by the membership change: for each added
 *       or updated inbox the installations gained and lost between its old and new sequence ids, for each
 *       removed inbox all its installations. Added installations already in the tree are allowed (the creator's
 *       own on the first commit); expected removals listed as failed installations are excused; a super admin
 *       may remove and re-add installations;</li>
 *   <li>the committer's installation, and each updated leaf's, belongs to its inbox at the new sequence id;</li>
 *   <li>the policies of the group before the commit allow every change, judged against the proposer of each
 *       added or removed inbox (else the committer) and against the committer for metadata, admins and
 *       permissions. In a DM, adding the one other DM member is allowed whatever the policy;</li>
 *   <li>the group's minimum protocol version is not above ours.</li>
 * </ol>
 */
public final class CommitValidator {

    private final LibxmtpVersion ourVersion;

    /**
     * @param ourProtocolVersion the libxmtp version we claim to match for minimum_supported_protocol_version,
     *                           e.g. {@code "1.10.0"}
     * @throws IllegalArgumentException if it is not major.minor.patch
     */
    public CommitValidator(String ourProtocolVersion) {
        this.ourVersion = LibxmtpVersion.parse(ourProtocolVersion);
    }

    /**
     * Validates a commit.
     *
     * @param commit the commit's facts
     * @param lookup installations of an inbox at a sequence id, from verified identity updates
     * @return what the commit changes
     * @throws GroupCheckException naming the first rule the commit breaks
     */
    public ValidatedCommit validate(CommitFacts commit, InstallationLookup lookup) throws GroupCheckException {
        XmtpGroupState before = commit.before();
        List<Extension> after = commit.extensionsAfter();

        MutableMetadata newMutable;
        PolicySet newPolicies;
        GroupMembership newMembership;
        try {
            newMutable = MutableMetadata.from(after);
            newPolicies = PolicySet.from(after);
            newMembership = GroupMembership.from(after);
        } catch (XmtpExtensionException e) {
            throw new GroupCheckException(GroupCheck.MALFORMED_EXTENSIONS, e.getMessage());
        }
        checkImmutableMetadataKept(before, after);

        MetadataChanges metadataChanges = metadataChanges(before, after, newMutable);
        checkLengths(metadataChanges.fieldChanges());
        boolean permissionsChanged = !before.policies().equals(newPolicies);

        List<Actor> proposers = new ArrayList<>();
        Actor committer = committer(commit, before, proposers);
        for (ProposalFact proposal : commit.proposals()) {
            if (proposal.kind() == ProposalFact.Kind.PRE_SHARED_KEY) {
                throw new GroupCheckException(GroupCheck.PRE_SHARED_KEY, "the commit carries a PSK proposal");
            }
        }

        // what the proposals do
        Set<Bytes> addedInstallations = new HashSet<>();
        Set<Bytes> removedInstallations = new HashSet<>();
        List<LeafMember> credentialsToVerify = new ArrayList<>();
        Map<String, Actor> addProposers = new HashMap<>();
        Map<String, Actor> removeProposers = new HashMap<>();
        Optional<Actor> extensionsProposer = Optional.empty();
        for (ProposalFact proposal : commit.proposals()) {
            Actor proposer = before.actor(proposal.proposer().orElseThrow());
            switch (proposal.kind()) {
                case UPDATE -> credentialsToVerify.add(proposal.subject().orElseThrow());
                case ADD -> {
                    LeafMember added = proposal.subject().orElseThrow();
                    addedInstallations.add(added.installationKey());
                    addProposers.put(added.inboxId(), proposer);
                }
                case REMOVE -> {
                    LeafMember removed = proposal.subject().orElseThrow();
                    removedInstallations.add(removed.installationKey());
                    removeProposers.put(removed.inboxId(), proposer);
                }
                case GROUP_CONTEXT_EXTENSIONS -> extensionsProposer = Optional.of(proposer);
                default -> {
                    // libxmtp passes over other proposal types here
                }
            }
        }

        // what the membership change calls for
        GroupMembership oldMembership = before.membership();
        GroupMembership.MembershipDiff diff = oldMembership.diff(newMembership);
        for (String inboxId : diff.updated()) {
            long oldId = oldMembership.members().get(inboxId);
            long newId = newMembership.members().get(inboxId);
            if (Long.compareUnsigned(newId, oldId) < 0) {
                throw new GroupCheckException(GroupCheck.SEQUENCE_ID_DECREASED,
                        "inbox " + inboxId + " goes from sequence id " + Long.toUnsignedString(oldId) + " to "
                                + Long.toUnsignedString(newId));
            }
        }
        List<InboxChange> addedInboxes = inboxChanges(diff.added(), addProposers, extensionsProposer, before);
        List<InboxChange> removedInboxes = inboxChanges(diff.removed(), removeProposers, extensionsProposer, before);
        InstallationDiff expected = expectedInstallations(oldMembership, newMembership, diff, lookup);

        boolean installationsChanged = !addedInstallations.isEmpty() || !removedInstallations.isEmpty();
        Set<Bytes> failed = new HashSet<>(newMembership.failedInstallations());
        Set<Bytes> readded = extractReadded(committer, addedInstallations, removedInstallations, failed);
        checkInstallations(expected, addedInstallations, removedInstallations, commit.installationsInTree(), failed);

        credentialsToVerify.add(committer.member());
        for (LeafMember member : credentialsToVerify) {
            long sequenceId = newMembership.sequenceId(member.inboxId()).orElseThrow(() -> new GroupCheckException(
                    GroupCheck.SUBJECT_NOT_A_MEMBER, "inbox " + member.inboxId() + " is not in the new membership"));
            if (!installations(lookup, member.inboxId(), sequenceId).contains(member.installationKey())) {
                throw new GroupCheckException(GroupCheck.INSTALLATION_NOT_IN_INBOX,
                        "installation " + member.installationKey().toHex() + " is not one of inbox "
                                + member.inboxId() + "'s at sequence id " + Long.toUnsignedString(sequenceId));
            }
        }

        checkPolicies(before, committer, addedInboxes, removedInboxes, metadataChanges, permissionsChanged);
        checkProtocolVersion(metadataChanges.minimumSupportedProtocolVersion());

        return new ValidatedCommit(committer, proposers, addedInboxes, removedInboxes, readded, metadataChanges,
                installationsChanged, permissionsChanged, before.metadata().dmMembers());
    }

    private static void checkImmutableMetadataKept(XmtpGroupState before, List<Extension> after)
            throws GroupCheckException {
        Optional<Bytes> old = Extension.find(before.extensions(), XmtpGroupExtensions.GROUP_METADATA)
                .map(Extension::data);
        Optional<Bytes> next = Extension.find(after, XmtpGroupExtensions.GROUP_METADATA).map(Extension::data);
        if (!old.equals(next)) {
            throw new GroupCheckException(GroupCheck.IMMUTABLE_METADATA_CHANGED,
                    next.isEmpty() ? "the commit removes extension 0xf000" : "the commit changes extension 0xf000");
        }
    }

    /** libxmtp {@code extract_metadata_changes}: the roles of subjects are read from the old metadata. */
    private static MetadataChanges metadataChanges(XmtpGroupState before, List<Extension> after,
                                                   MutableMetadata next) {
        MutableMetadata old = before.mutableMetadata();
        Optional<Bytes> oldData = Extension.find(before.extensions(), XmtpGroupExtensions.MUTABLE_METADATA)
                .map(Extension::data);
        Optional<Bytes> newData = Extension.find(after, XmtpGroupExtensions.MUTABLE_METADATA).map(Extension::data);
        if (oldData.equals(newData)) {
            return new MetadataChanges(List.of(), List.of(), List.of(), List.of(), List.of(), 0,
                    old.attribute(MetadataField.MINIMUM_SUPPORTED_PROTOCOL_VERSION));
        }
        List<FieldChange> fieldChanges = new ArrayList<>();
        Set<String> keys = new TreeSet<>(old.attributes().keySet());
        keys.addAll(next.attributes().keySet());
        for (String key : keys) {
            Optional<String> oldValue = old.attribute(key);
            Optional<String> newValue = next.attribute(key);
            if (!oldValue.equals(newValue)) {
                fieldChanges.add(new FieldChange(key, oldValue, newValue));
            }
        }
        return new MetadataChanges(fieldChanges,
                listed(next.admins(), old.admins(), before), listed(old.admins(), next.admins(), before),
                listed(next.superAdmins(), old.superAdmins(), before),
                listed(old.superAdmins(), next.superAdmins(), before),
                next.superAdmins().size(), next.attribute(MetadataField.MINIMUM_SUPPORTED_PROTOCOL_VERSION));
    }

    /** The inboxes of {@code in} that are not in {@code notIn}, with their roles before the commit. */
    private static List<InboxChange> listed(List<String> in, List<String> notIn, XmtpGroupState before) {
        return in.stream().filter(id -> !notIn.contains(id))
                .map(id -> InboxChange.of(id, before.metadata(), before.mutableMetadata(), Optional.empty()))
                .toList();
    }

    private static void checkLengths(List<FieldChange> changes) throws GroupCheckException {
        for (FieldChange change : changes) {
            if (change.newValue().isEmpty()) {
                continue;
            }
            Optional<MetadataField> field = MetadataField.fromKey(change.key());
            OptionalInt max = field.map(MetadataField::maxBytes).orElse(OptionalInt.empty());
            int length = change.newValue().get().getBytes(StandardCharsets.UTF_8).length;
            if (max.isPresent() && length > max.getAsInt()) {
                throw new GroupCheckException(GroupCheck.FIELD_TOO_LONG, change.key() + " is " + length
                        + " bytes; at most " + max.getAsInt() + " are allowed");
            }
        }
    }

    /** libxmtp {@code extract_committer_and_proposers}; fills {@code proposers} with the distinct proposers. */
    private static Actor committer(CommitFacts commit, XmtpGroupState before, List<Actor> proposers)
            throws GroupCheckException {
        Set<LeafMember> distinct = new LinkedHashSet<>();
        for (ProposalFact proposal : commit.proposals()) {
            LeafMember proposer = proposal.proposer().orElseThrow(() -> new GroupCheckException(
                    GroupCheck.ACTOR_NOT_MEMBER, "a " + proposal.kind() + " proposal comes from a non-member"));
            distinct.add(proposer);
        }
        distinct.forEach(member -> proposers.add(before.actor(member)));
        if (commit.updatePathLeaf().isPresent()) {
            return before.actor(commit.updatePathLeaf().get());
        }
        if (proposers.size() == 1) {
            return proposers.get(0);
        }
        throw new GroupCheckException(GroupCheck.ACTOR_NOT_FOUND,
                "the commit has no update path and " + proposers.size() + " proposers");
    }

    private static List<InboxChange> inboxChanges(List<String> inboxIds, Map<String, Actor> proposalProposers,
                                                  Optional<Actor> extensionsProposer, XmtpGroupState before)
            throws GroupCheckException {
        List<InboxChange> changes = new ArrayList<>();
        for (String inboxId : inboxIds) {
            Optional<Actor> proposer = Optional.ofNullable(proposalProposers.get(inboxId)).or(() -> extensionsProposer);
            if (proposer.isEmpty() && before.proposalsEnabled()) {
                throw new GroupCheckException(GroupCheck.PROPOSER_NOT_FOUND,
                        "no proposal accounts for the membership change of inbox " + inboxId);
            }
            changes.add(InboxChange.of(inboxId, before.metadata(), before.mutableMetadata(), proposer));
        }
        return changes;
    }

    private record InstallationDiff(Set<Bytes> added, Set<Bytes> removed) {
    }

    /** libxmtp {@code IdentityUpdates::get_installation_diff}. */
    private static InstallationDiff expectedInstallations(GroupMembership old, GroupMembership next,
                                                          GroupMembership.MembershipDiff diff,
                                                          InstallationLookup lookup) throws GroupCheckException {
        Set<Bytes> added = new HashSet<>();
        Set<Bytes> removed = new HashSet<>();
        List<String> addedOrUpdated = new ArrayList<>(diff.added());
        addedOrUpdated.addAll(diff.updated());
        for (String inboxId : addedOrUpdated) {
            long oldId = old.members().getOrDefault(inboxId, 0L);
            Set<Bytes> start = oldId == 0 ? Set.of() : installations(lookup, inboxId, oldId);
            Set<Bytes> end = installations(lookup, inboxId, next.members().get(inboxId));
            end.stream().filter(key -> !start.contains(key)).forEach(added::add);
            start.stream().filter(key -> !end.contains(key)).forEach(removed::add);
        }
        for (String inboxId : diff.removed()) {
            removed.addAll(installations(lookup, inboxId, old.members().get(inboxId)));
        }
        return new InstallationDiff(added, removed);
    }

    static Set<Bytes> installations(InstallationLookup lookup, String inboxId, long sequenceId)
            throws GroupCheckException {
        Optional<Set<Bytes>> found = lookup.installationsAt(inboxId, sequenceId);
        if (found.isEmpty()) {
            throw new GroupCheckException(GroupCheck.MISSING_IDENTITY_UPDATE, "no verified identity state for inbox "
                    + inboxId + " at sequence id " + Long.toUnsignedString(sequenceId));
        }
        return found.get();
    }

    /** libxmtp {@code extract_readded_installations}: only a super admin may re-add. Changes the three sets. */
    private static Set<Bytes> extractReadded(Actor committer, Set<Bytes> added, Set<Bytes> removed,
                                             Set<Bytes> failed) {
        if (!committer.superAdmin()) {
            return Set.of();
        }
        Set<Bytes> readded = new HashSet<>(added);
        readded.retainAll(removed);
        added.removeAll(readded);
        removed.removeAll(readded);
        Set<Bytes> failedAgain = new HashSet<>(failed);
        failedAgain.retainAll(removed);
        failed.removeAll(failedAgain);
        removed.removeAll(failedAgain);
        readded.addAll(failedAgain);
        return readded;
    }

    /** libxmtp {@code expected_diff_matches_commit}. */
    private static void checkInstallations(InstallationDiff expected, Set<Bytes> added, Set<Bytes> removed,
                                           Set<Bytes> inTree, Set<Bytes> failed) throws GroupCheckException {
        List<String> unknownAdds = added.stream()
                .filter(key -> !expected.added().contains(key) && !inTree.contains(key))
                .map(Bytes::toHex).sorted().toList();
        if (!unknownAdds.isEmpty()) {
            throw new GroupCheckException(GroupCheck.UNEXPECTED_INSTALLATION_ADDED,
                    "the membership change does not call for adding " + unknownAdds);
        }
        Set<Bytes> expectedRemovals = new HashSet<>(expected.removed());
        expectedRemovals.removeAll(failed);
        if (!removed.equals(expectedRemovals)) {
            List<String> extra = removed.stream().filter(key -> !expectedRemovals.contains(key))
                    .map(Bytes::toHex).sorted().toList();
            List<String> missing = expectedRemovals.stream().filter(key -> !removed.contains(key))
                    .map(Bytes::toHex).sorted().toList();
            throw new GroupCheckException(GroupCheck.UNEXPECTED_INSTALLATION_REMOVED,
                    "removed but not called for: " + extra + "; called for but not removed: " + missing);
        }
    }

    /** libxmtp {@code PolicySet::evaluate_commit}, against the policies before the commit. */
    private static void checkPolicies(XmtpGroupState before, Actor committer, List<InboxChange> addedInboxes,
                                      List<InboxChange> removedInboxes, MetadataChanges metadata,
                                      boolean permissionsChanged) throws GroupCheckException {
        PolicySet policies = before.policies();
        Optional<DmMembers> dm = before.metadata().dmMembers();
        boolean addingDmPeer = dm.isPresent() && addedInboxes.size() == 1
                && dm.get().contains(addedInboxes.get(0).inboxId())
                && !addedInboxes.get(0).inboxId().equals(committer.inboxId());
        if (!addingDmPeer) {
            for (InboxChange added : addedInboxes) {
                Actor actor = added.proposer().orElse(committer);
                if (!policies.allowsAddMember(actor, added)) {
                    throw new GroupCheckException(GroupCheck.ADD_MEMBER_DENIED, "the add-member policy refuses inbox "
                            + added.inboxId() + " added by " + actor.inboxId());
                }
            }
        }
        for (InboxChange removed : removedInboxes) {
            Actor actor = removed.proposer().orElse(committer);
            if (!policies.allowsRemoveMember(actor, removed)) {
                throw new GroupCheckException(GroupCheck.REMOVE_MEMBER_DENIED, removed.superAdmin()
                        ? "inbox " + removed.inboxId() + " is a super admin and cannot be removed"
                        : "the remove-member policy refuses inbox " + removed.inboxId() + " removed by "
                                + actor.inboxId());
            }
        }
        for (FieldChange change : metadata.fieldChanges()) {
            if (!policies.allowsMetadataUpdate(committer, change.key())) {
                throw new GroupCheckException(GroupCheck.METADATA_UPDATE_DENIED,
                        "the policy for " + change.key() + " refuses " + committer.inboxId());
            }
        }
        if (!metadata.adminsAdded().isEmpty() && !policies.allowsAddAdmin(committer)) {
            throw new GroupCheckException(GroupCheck.ADD_ADMIN_DENIED,
                    "the add-admin policy refuses " + committer.inboxId());
        }
        if (!metadata.adminsRemoved().isEmpty() && !policies.allowsRemoveAdmin(committer)) {
            throw new GroupCheckException(GroupCheck.REMOVE_ADMIN_DENIED,
                    "the remove-admin policy refuses " + committer.inboxId());
        }
        if (!metadata.superAdminsAdded().isEmpty() && !policies.allowsAddSuperAdmin(committer)) {
            throw new GroupCheckException(GroupCheck.ADD_SUPER_ADMIN_DENIED,
                    committer.inboxId() + " is not a super admin");
        }
        if (!metadata.superAdminsRemoved().isEmpty()
                && !policies.allowsRemoveSuperAdmin(committer, metadata.superAdminCount())) {
            throw new GroupCheckException(GroupCheck.REMOVE_SUPER_ADMIN_DENIED, committer.superAdmin()
                    ? "no super admin would be left"
                    : committer.inboxId() + " is not a super admin");
        }
        if (permissionsChanged && !policies.allowsPermissionsUpdate(committer)) {
            throw new GroupCheckException(GroupCheck.PERMISSIONS_UPDATE_DENIED,
                    committer.inboxId() + " is not a super admin");
        }
    }

    private void checkProtocolVersion(Optional<String> minimum) throws GroupCheckException {
        if (minimum.isEmpty()) {
            return;
        }
        LibxmtpVersion required;
        try {
            required = LibxmtpVersion.parse(minimum.get());
        } catch (IllegalArgumentException e) {
            throw new GroupCheckException(GroupCheck.INVALID_VERSION_FORMAT, e.getMessage());
        }
        if (required.compareTo(ourVersion) > 0) {
            throw new GroupCheckException(GroupCheck.PROTOCOL_VERSION_TOO_LOW,
                    "the group requires protocol version " + minimum.get());
        }
    }
}
