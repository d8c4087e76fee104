package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.Peer;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.XmtpGroupRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A group of an {@link InboxHandle}. */
final class GroupHandle extends ConversationHandle implements Group {

    private volatile GroupMetadata metadata;

    GroupHandle(InboxHandle inbox, ClientConversation snapshot, ConsentState consent) {
        super(inbox, snapshot, consent);
        this.metadata = Mapping.metadata(snapshot);
    }

    @Override
    public ConversationKind kind() {
        return ConversationKind.GROUP;
    }

    /** {@inheritDoc} Also after this handle's own {@link #updateMetadata}, once it completed. */
    @Override
    public GroupMetadata metadata() {
        return metadata;
    }

    @Override
    public CompletionStage<Void> updateMetadata(GroupMetadata newMetadata) {
        if (newMetadata == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "metadata must not be null");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(XmtpGroupRules.GROUP_NAME, newMetadata.name());
        attributes.put(XmtpGroupRules.DESCRIPTION, newMetadata.description());
        attributes.put(XmtpGroupRules.IMAGE_URL, newMetadata.imageUrl().map(Object::toString).orElse(""));
        return inbox.call(client -> {
            client.updateMetadata(id().value(), attributes);
            client.conversation(id().value()).map(Mapping::metadata).ifPresent(updated -> metadata = updated);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> addMembers(Collection<? extends Peer> peers) {
        if (peers == null || peers.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "peers must not be null or contain null");
        }
        List<String> members = peers.stream().map(ConversationsImpl::text).distinct().toList();
        return inbox.call(client -> {
            client.addMembers(id().value(), members);
            return null;
        });
    }

    /** {@inheritDoc} Inboxes that are not members are skipped; removing this inbox itself is refused. */
    @Override
    public CompletionStage<Void> removeMembers(Collection<InboxId> members) {
        if (members == null || members.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "members must not be null or contain null");
        }
        if (members.contains(inbox.info().inboxId())) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "an inbox cannot remove itself from a group; ask an admin to remove it");
        }
        List<String> asked = members.stream().map(InboxId::value).distinct().toList();
        return inbox.call(client -> {
            List<String> current = client.conversation(id().value()).map(ClientConversation::memberInboxIds)
                    .orElseThrow(() -> new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND,
                            "conversation " + id() + " is no longer stored"));
            List<String> present = asked.stream().filter(current::contains).toList();
            if (!present.isEmpty()) {
                client.removeMembers(id().value(), present);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> setRole(InboxId member, Role role) {
        if (member == null || role == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "member and role must not be null");
        }
        return inbox.call(client -> {
            client.setRole(id().value(), member.value(), role);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Not supported yet: XMTP members leave through leave requests that admins act on, which this
     * implementation does not send. Completes with {@code UNSUPPORTED_OPERATION}; ask an admin to remove the inbox.
     */
    @Override
    public CompletionStage<Void> leave() {
        return CompletableFuture.failedFuture(new MessagingException(ErrorCode.UNSUPPORTED_OPERATION,
                "leaving a group is not supported yet; ask an admin of group " + id() + " to remove this inbox"));
    }
}
