package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a commit that passed {@link CommitValidator} changes (libxmtp {@code ValidatedCommit}): enough to
 * record a group-updated message and to update local state.
 *
 * @param committer              the member who made the commit
 * @param proposers              each distinct member whose proposals the commit applies
 * @param addedInboxes           inboxes that join
 * @param removedInboxes         inboxes that leave
 * @param readdedInstallations   installations a super admin removed and added again (or tried to)
 * @param metadata               the changes to the mutable metadata
 * @param installationsChanged   whether the commit adds or removes any installation
 * @param permissionsChanged     whether the permission policies change
 * @param dmMembers              the DM's members, for a DM
 */
public record ValidatedCommit(Actor committer, List<Actor> proposers, List<InboxChange> addedInboxes,
                              List<InboxChange> removedInboxes, Set<Bytes> readdedInstallations,
                              MetadataChanges metadata, boolean installationsChanged, boolean permissionsChanged,
                              Optional<DmMembers> dmMembers) {

    /** Checks for nulls and copies the collections. */
    public ValidatedCommit {
        Objects.requireNonNull(committer, "committer");
        proposers = List.copyOf(proposers);
        addedInboxes = List.copyOf(addedInboxes);
        removedInboxes = List.copyOf(removedInboxes);
        readdedInstallations = Set.copyOf(readdedInstallations);
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(dmMembers, "dmMembers");
    }

    /**
     * The changes to a group's mutable metadata (libxmtp {@code MutableMetadataValidationInfo}).
     *
     * @param fieldChanges       attributes that change, sorted by key
     * @param adminsAdded        inboxes added to the admin list
     * @param adminsRemoved      inboxes removed from it
     * @param superAdminsAdded   inboxes added to the super admin list
     * @param superAdminsRemoved inboxes removed from it
     * @param superAdminCount    how many super admins there are afterwards (0 when the metadata is unchanged)
     * @param minimumSupportedProtocolVersion the group's minimum protocol version afterwards, if set
     */
    public record MetadataChanges(List<FieldChange> fieldChanges, List<InboxChange> adminsAdded,
                                  List<InboxChange> adminsRemoved, List<InboxChange> superAdminsAdded,
                                  List<InboxChange> superAdminsRemoved, int superAdminCount,
                                  Optional<String> minimumSupportedProtocolVersion) {

        /** Copies the lists. */
        public MetadataChanges {
            fieldChanges = List.copyOf(fieldChanges);
            adminsAdded = List.copyOf(adminsAdded);
            adminsRemoved = List.copyOf(adminsRemoved);
            superAdminsAdded = List.copyOf(superAdminsAdded);
            superAdminsRemoved = List.copyOf(superAdminsRemoved);
            Objects.requireNonNull(minimumSupportedProtocolVersion, "minimumSupportedProtocolVersion");
        }

        /** Whether nothing but possibly the minimum protocol version is reported. */
        public boolean isEmpty() {
            return fieldChanges.isEmpty() && adminsAdded.isEmpty() && adminsRemoved.isEmpty()
                    && superAdminsAdded.isEmpty() && superAdminsRemoved.isEmpty();
        }
    }

    /**
     * One attribute that changes.
     *
     * @param key      the attribute key
     * @param oldValue its value before, if it was set
     * @param newValue its value after, if it is set
     */
    public record FieldChange(String key, Optional<String> oldValue, Optional<String> newValue) {

        /** Checks for nulls. */
        public FieldChange {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(oldValue, "oldValue");
            Objects.requireNonNull(newValue, "newValue");
        }
    }
}
