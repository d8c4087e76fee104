package io.socon.messaging.impl.client.content;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupUpdated;
import java.util.List;
import java.util.Optional;

/**
 * {@code xmtp.org/group_updated:1.0}: a {@code GroupUpdated} protobuf as content, no parameters, no fallback and
 * no push. libxmtp writes these into its own transcript when it processes a commit; they are not sent as
 * application messages, so this codec only reads ({@link #encode} exists for the engine's transcript and tests).
 */
public final class GroupUpdatedCodec implements ContentCodec<GroupUpdate> {

    @Override
    public ContentType contentType() {
        return XmtpContentTypes.GROUP_UPDATED;
    }

    @Override
    public Class<GroupUpdate> valueType() {
        return GroupUpdate.class;
    }

    /** Not offered through {@link ContentCodecs#encode}: XMTP clients never send group updates. */
    @Override
    public boolean canEncode() {
        return false;
    }

    @Override
    public EncodedContent encode(GroupUpdate value) {
        GroupUpdated.Builder b = GroupUpdated.newBuilder()
                .setInitiatedByInboxId(value.initiatedBy().map(InboxId::value).orElse(""));
        value.added().forEach(i -> b.addAddedInboxes(inbox(i)));
        value.removed().forEach(i -> b.addRemovedInboxes(inbox(i)));
        value.metadataChanges().forEach(c -> {
            GroupUpdated.MetadataFieldChange.Builder fc = GroupUpdated.MetadataFieldChange.newBuilder()
                    .setFieldName(c.field());
            c.oldValue().ifPresent(fc::setOldValue);
            c.newValue().ifPresent(fc::setNewValue);
            b.addMetadataFieldChanges(fc);
        });
        value.left().forEach(i -> b.addLeftInboxes(inbox(i)));
        value.addedAdmins().forEach(i -> b.addAddedAdminInboxes(inbox(i)));
        value.removedAdmins().forEach(i -> b.addRemovedAdminInboxes(inbox(i)));
        value.addedSuperAdmins().forEach(i -> b.addAddedSuperAdminInboxes(inbox(i)));
        value.removedSuperAdmins().forEach(i -> b.addRemovedSuperAdminInboxes(inbox(i)));
        return Encoded.start(contentType(), Optional.empty()).setContent(b.build().toByteString()).build();
    }

    private static GroupUpdated.Inbox inbox(InboxId id) {
        return GroupUpdated.Inbox.newBuilder().setInboxId(id.value()).build();
    }

    @Override
    public GroupUpdate decode(EncodedContent encoded) {
        GroupUpdated p;
        try {
            p = GroupUpdated.parseFrom(encoded.getContent());
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(contentType(), "the content is not a GroupUpdated protobuf", e);
        }
        Optional<InboxId> by = p.getInitiatedByInboxId().isEmpty()
                ? Optional.empty()
                : Optional.of(inboxId(p.getInitiatedByInboxId(), "initiated_by_inbox_id"));
        List<GroupUpdate.FieldChange> changes = p.getMetadataFieldChangesList().stream()
                .map(c -> new GroupUpdate.FieldChange(c.getFieldName(),
                        c.hasOldValue() ? Optional.of(c.getOldValue()) : Optional.empty(),
                        c.hasNewValue() ? Optional.of(c.getNewValue()) : Optional.empty()))
                .toList();
        return new GroupUpdate(by, ids(p.getAddedInboxesList(), "added_inboxes"),
                ids(p.getRemovedInboxesList(), "removed_inboxes"), ids(p.getLeftInboxesList(), "left_inboxes"),
                ids(p.getAddedAdminInboxesList(), "added_admin_inboxes"),
                ids(p.getRemovedAdminInboxesList(), "removed_admin_inboxes"),
                ids(p.getAddedSuperAdminInboxesList(), "added_super_admin_inboxes"),
                ids(p.getRemovedSuperAdminInboxesList(), "removed_super_admin_inboxes"), changes);
    }

    private List<InboxId> ids(List<GroupUpdated.Inbox> inboxes, String field) {
        return inboxes.stream().map(i -> inboxId(i.getInboxId(), field)).toList();
    }

    private InboxId inboxId(String value, String field) {
        return Encoded.build(contentType(), () -> {
            try {
                return new InboxId(value);
            } catch (io.socon.messaging.api.InvalidValueException e) {
                throw new io.socon.messaging.api.InvalidValueException(e.code(),
                        "'" + value + "' in " + field + " is not an inbox id (64 hex digits)");
            }
        });
    }

    @Override
    public Optional<String> fallback(GroupUpdate value) {
        return Optional.empty();
    }

    @Override
    public boolean shouldPush() {
        return false;
    }
}
