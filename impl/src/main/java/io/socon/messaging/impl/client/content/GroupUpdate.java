package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.InboxId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one commit changed in a group, as libxmtp records it in the transcript ({@code xmtp.org/group_updated:1.0},
 * the {@code GroupUpdated} protobuf). The api has no content record for it yet, so
 * {@link ContentCodecs#decode} shows it as {@link io.socon.messaging.api.content.Unknown}; the engine reads it
 * with {@link GroupUpdatedCodec}.
 *
 * @param initiatedBy the inbox whose commit made the change, if recorded
 * @param added inboxes added
 * @param removed inboxes removed by someone else
 * @param left inboxes that left
 * @param addedAdmins inboxes made admins
 * @param removedAdmins inboxes no longer admins
 * @param addedSuperAdmins inboxes made super admins
 * @param removedSuperAdmins inboxes no longer super admins
 * @param metadataChanges changed metadata fields (name, description, image URL and others)
 */
public record GroupUpdate(Optional<InboxId> initiatedBy, List<InboxId> added, List<InboxId> removed,
        List<InboxId> left, List<InboxId> addedAdmins, List<InboxId> removedAdmins, List<InboxId> addedSuperAdmins,
        List<InboxId> removedSuperAdmins, List<FieldChange> metadataChanges) {

    /**
     * One changed metadata field.
     *
     * @param field the field's name, such as {@code group_name}
     * @param oldValue the value before, if there was one
     * @param newValue the value after, if there is one
     */
    public record FieldChange(String field, Optional<String> oldValue, Optional<String> newValue) {
        public FieldChange {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(oldValue, "oldValue");
            Objects.requireNonNull(newValue, "newValue");
        }
    }

    public GroupUpdate {
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        left = List.copyOf(left);
        addedAdmins = List.copyOf(addedAdmins);
        removedAdmins = List.copyOf(removedAdmins);
        addedSuperAdmins = List.copyOf(addedSuperAdmins);
        removedSuperAdmins = List.copyOf(removedSuperAdmins);
        metadataChanges = List.copyOf(metadataChanges);
    }
}
