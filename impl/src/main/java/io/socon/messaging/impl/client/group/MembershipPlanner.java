package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the membership commit for "add these inboxes" or "remove these inboxes", as libxmtp 1.10 does
 * ({@code groups/mls_sync.rs} {@code get_membership_update_intent} and
 * {@code calculate_membership_changes_with_keypackages}, {@code mls_sync/update_group_membership.rs}):
 * <ul>
 *   <li>every current member whose latest verified sequence id is above the recorded one moves to it, and
 *       every inbox to add joins at its latest sequence id; then the inboxes to remove leave;</li>
 *   <li>for each joining or moving inbox the installations gained between the old sequence id (none for a new
 *       inbox or sequence id 0) and the new are added, those lost removed; all installations of a leaving inbox
 *       at its recorded sequence id are removed;</li>
 *   <li>our own installation is never added (it is in the tree already); removals already listed as failed
 *       are not removed again.</li>
 * </ul>
 * The result is checked by the same rules as {@link CommitValidator} applies to the commit.
 */
public final class MembershipPlanner {

    private MembershipPlanner() {
    }

    /**
     * Plans a membership change.
     *
     * @param current            the group's membership now
     * @param inboxesToAdd       inboxes to add (an inbox already in the group is only moved to its latest
     *                           sequence id)
     * @param inboxesToRemove    inboxes to remove
     * @param latestSequenceIds  the latest verified identity sequence id of every current member and every inbox
     *                           to add
     * @param lookup             installations of an inbox at a sequence id
     * @param leaves             the tree's leaves, in tree order
     * @param ownInstallationKey our installation key
     * @throws GroupCheckException {@link GroupCheck#MISSING_IDENTITY_UPDATE} if a latest sequence id or an
     *                             installation set is not known
     */
    public static MembershipChange plan(GroupMembership current, Collection<String> inboxesToAdd,
                                        Collection<String> inboxesToRemove, Map<String, Long> latestSequenceIds,
                                        InstallationLookup lookup, List<LeafMember> leaves,
                                        Bytes ownInstallationKey) throws GroupCheckException {
        Objects.requireNonNull(ownInstallationKey, "ownInstallationKey");
        Set<String> inboxes = new LinkedHashSet<>(current.members().keySet());
        inboxes.addAll(inboxesToAdd);
        TreeMap<String, Long> updates = new TreeMap<>();
        for (String inboxId : inboxes) {
            Long latest = latestSequenceIds.get(inboxId);
            if (latest == null) {
                throw new GroupCheckException(GroupCheck.MISSING_IDENTITY_UPDATE,
                        "no latest sequence id for inbox " + inboxId);
            }
            Long recorded = current.members().get(inboxId);
            if (recorded == null || Long.compareUnsigned(latest, recorded) > 0) {
                updates.put(inboxId, latest);
            }
        }
        GroupMembership next = current;
        for (Map.Entry<String, Long> update : updates.entrySet()) {
            next = next.with(update.getKey(), update.getValue());
        }
        for (String inboxId : inboxesToRemove) {
            next = next.without(inboxId);
        }
        GroupMembership.MembershipDiff diff = current.diff(next);

        Set<Bytes> added = new HashSet<>();
        Set<Bytes> removed = new HashSet<>();
        List<String> addedOrUpdated = new ArrayList<>(diff.added());
        addedOrUpdated.addAll(diff.updated());
        for (String inboxId : addedOrUpdated) {
            long oldId = current.members().getOrDefault(inboxId, 0L);
            Set<Bytes> start = oldId == 0 ? Set.of() : CommitValidator.installations(lookup, inboxId, oldId);
            Set<Bytes> end = CommitValidator.installations(lookup, inboxId, next.members().get(inboxId));
            end.stream().filter(key -> !start.contains(key)).forEach(added::add);
            start.stream().filter(key -> !end.contains(key)).forEach(removed::add);
        }
        for (String inboxId : diff.removed()) {
            removed.addAll(CommitValidator.installations(lookup, inboxId, current.members().get(inboxId)));
        }
        added.remove(ownInstallationKey);
        removed.removeAll(current.failedInstallations());

        List<Bytes> toAdd = added.stream().sorted(Comparator.comparing(Bytes::toHex)).toList();
        List<LeafMember> leavesToRemove = leaves.stream()
                .filter(leaf -> removed.contains(leaf.installationKey())).toList();
        boolean removesOwnLeaf = leavesToRemove.stream()
                .anyMatch(leaf -> leaf.installationKey().equals(ownInstallationKey));
        return new MembershipChange(next, diff, updates, toAdd, removed, leavesToRemove, removesOwnLeaf);
    }
}
