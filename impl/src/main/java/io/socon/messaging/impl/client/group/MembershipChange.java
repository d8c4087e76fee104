package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A planned membership commit (see {@link MembershipPlanner}): the new membership, and the installations to
 * add and leaves to remove that make the tree match it.
 *
 * @param membership           the new membership; its failed installations are the current ones until
 *                             {@link #membershipWithFailures} adds those whose key packages could not be used
 * @param diff                 the inboxes that join, leave or move to a newer sequence id
 * @param sequenceIdUpdates    the sequence id of every inbox that joins or moves (libxmtp's intent data)
 * @param installationsToAdd   the installations to fetch key packages for and add, sorted by key; never ours
 * @param removedInstallations the installations the change removes (less the already failed ones)
 * @param leavesToRemove       the tree's leaves that hold those installations, in tree order
 * @param removesOwnLeaf       whether one of those leaves is ours; libxmtp then makes no commit at all
 */
public record MembershipChange(GroupMembership membership, GroupMembership.MembershipDiff diff,
                               Map<String, Long> sequenceIdUpdates, List<Bytes> installationsToAdd,
                               Set<Bytes> removedInstallations, List<LeafMember> leavesToRemove,
                               boolean removesOwnLeaf) {

    /** Checks for nulls and copies the collections. */
    public MembershipChange {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(diff, "diff");
        sequenceIdUpdates = Map.copyOf(sequenceIdUpdates);
        installationsToAdd = List.copyOf(installationsToAdd);
        removedInstallations = Set.copyOf(removedInstallations);
        leavesToRemove = List.copyOf(leavesToRemove);
    }

    /**
     * Whether libxmtp would make no commit for this change: nothing to add or remove and no sequence id to
     * move. (libxmtp decides after fetching key packages, counting only usable ones; if every installation to
     * add has failed, call this on the change with nothing to add.)
     */
    public boolean isEmpty() {
        return installationsToAdd.isEmpty() && leavesToRemove.isEmpty() && diff.updated().isEmpty();
    }

    /**
     * The membership to commit once key packages are fetched: {@link #membership()} with the installations
     * whose key packages failed added to the failed installations (not those the change removes), as libxmtp's
     * {@code UpdateGroupMembershipIntentData::apply_to_group_membership} does.
     */
    public GroupMembership membershipWithFailures(Collection<Bytes> failedKeyPackages) {
        Set<Bytes> keep = new HashSet<>(failedKeyPackages);
        keep.removeAll(removedInstallations);
        return membership.withFailedInstallations(failedKeyPackages.stream().filter(keep::contains).toList());
    }
}
