package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.Direction;
import io.socon.messaging.api.conversation.Member;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.api.conversation.MessagePage;
import io.socon.messaging.api.conversation.MessageQuery;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.ClientMessage;
import io.socon.messaging.impl.client.InboxState;
import io.socon.messaging.impl.client.XmtpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * What DMs and groups share: a handle on one conversation of an {@link InboxHandle}, with the state it was read
 * in (kind, creation time, consent, group metadata) and operations that read the current state.
 */
abstract class ConversationHandle {

    /** How many stored messages one read of a listing takes at most. */
    private static final int BATCH = 200;

    final InboxHandle inbox;
    final ClientConversation snapshot;
    private final ConsentState consent;
    private final ConversationId id;

    ConversationHandle(InboxHandle inbox, ClientConversation snapshot, ConsentState consent) {
        this.inbox = inbox;
        this.snapshot = snapshot;
        this.consent = consent;
        this.id = ConversationId.of(snapshot.id());
    }

    public ConversationId id() {
        return id;
    }

    public abstract ConversationKind kind();

    public Instant createdAt() {
        return Mapping.instant(snapshot.createdAtNs());
    }

    public ConsentState consent() {
        return consent;
    }

    public CompletionStage<Void> updateConsent(ConsentState state) {
        if (state == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "state must not be null");
        }
        return inbox.call(client -> {
            client.setConsent(id.value(), state);
            return null;
        });
    }

    public CompletionStage<Message> send(Content content) {
        if (content == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "content must not be null");
        }
        return inbox.call(client -> Mapping.message(client.send(id.value(), content)));
    }

    /**
     * Marks everything stored read (up to the newest stored message's time, the node's clock) and sends a read
     * receipt if something from others was unread and this inbox can still send here.
     */
    public CompletionStage<Void> markRead() {
        return inbox.call(client -> {
            long unread = client.unreadCount(id.value());
            List<ClientMessage> newest = client.messages(id.value(), Long.MIN_VALUE, Long.MAX_VALUE, true, 1);
            if (newest.isEmpty()) {
                return null;
            }
            client.markRead(id.value(), newest.get(0).sentAtNs());
            boolean active = client.conversation(id.value()).map(ClientConversation::active).orElse(false);
            if (unread > 0 && active && client.consent(id.value()) != ConsentState.DENIED) {
                try {
                    client.send(id.value(), ReadReceipt.INSTANCE);
                } catch (MessagingException e) {
                    if (e.code() != ErrorCode.NOT_A_MEMBER && e.code() != ErrorCode.CONSENT_DENIED) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public CompletionStage<Long> unreadCount() {
        return inbox.call(client -> client.unreadCount(id.value()));
    }

    public CompletionStage<Optional<Message>> lastMessage() {
        return inbox.call(client -> {
            long before = Long.MAX_VALUE;
            for (int batch = 0; batch < 50; batch++) {
                List<ClientMessage> newest = client.messages(id.value(), Long.MIN_VALUE, before, true, BATCH);
                for (ClientMessage m : newest) {
                    if (!(m.content() instanceof ReadReceipt)) {
                        return Optional.of(Mapping.message(m));
                    }
                }
                if (newest.size() < BATCH) {
                    break;
                }
                before = newest.get(newest.size() - 1).sentAtNs() + 1;
                if (newest.get(0).sentAtNs() == newest.get(newest.size() - 1).sentAtNs()) {
                    break;
                }
            }
            return Optional.empty();
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pages end between two distinct send times, so messages sent in the same nanosecond are never split over
     * two pages (whose bounds are exclusive).
     */
    public CompletionStage<MessagePage> messages(MessageQuery query) {
        if (query == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "query must not be null");
        }
        return inbox.call(client -> page(client, query));
    }

    private MessagePage page(XmtpClient client, MessageQuery query) {
        boolean newestFirst = query.direction() == Direction.DESCENDING;
        long after = query.sentAfter().map(Mapping::nanos).orElse(Long.MIN_VALUE);
        long before = query.sentBefore().map(Mapping::nanos).orElse(Long.MAX_VALUE);
        Set<ContentType> types = query.contentTypes();
        int wanted = query.limit() + 1;
        List<ClientMessage> found = new ArrayList<>();
        while (found.size() < wanted) {
            int fetch = types.isEmpty() ? wanted - found.size() : BATCH;
            List<ClientMessage> batch = client.messages(id.value(), after, before, newestFirst, fetch);
            boolean last = batch.size() < fetch;
            if (!last && batch.size() > 1) {
                // continue after the batch's last distinct time, so equal times are not cut apart
                int keep = batch.size() - 1;
                long end = batch.get(batch.size() - 1).sentAtNs();
                while (keep > 0 && batch.get(keep - 1).sentAtNs() == end) {
                    keep--;
                }
                if (keep > 0) {
                    batch = batch.subList(0, keep);
                }
            }
            for (ClientMessage m : batch) {
                if (types.isEmpty() || types.stream().anyMatch(t -> t.sameTypeAs(m.contentType()))) {
                    found.add(m);
                }
            }
            if (last || batch.isEmpty()) {
                break;
            }
            long boundary = batch.get(batch.size() - 1).sentAtNs();
            if (newestFirst) {
                before = boundary;
            } else {
                after = boundary;
            }
        }
        int size = Math.min(found.size(), query.limit());
        Optional<MessageQuery> next = Optional.empty();
        if (found.size() > query.limit()) {
            size = Paging.endBetweenTimes(found.stream().map(ClientMessage::sentAtNs).toList(), query.limit());
            Instant boundary = Mapping.instant(found.get(size - 1).sentAtNs());
            next = Optional.of(newestFirst ? query.before(boundary) : query.after(boundary));
        }
        return new MessagePage(found.subList(0, size).stream().map(Mapping::message).toList(), next);
    }

    public CompletionStage<List<Member>> members() {
        return inbox.call(client -> {
            ClientConversation now = client.conversation(id.value()).orElseThrow(() -> new MessagingException(
                    ErrorCode.CONVERSATION_NOT_FOUND, "conversation " + id + " is no longer stored"));
            Map<String, InboxState> states = client.inboxStates(now.memberInboxIds());
            ConsentState conversationConsent = client.consent(id.value());
            String self = inbox.info().inboxId().value();
            List<Member> members = new ArrayList<>();
            for (String member : now.memberInboxIds()) {
                Role role = now.dm() ? Role.MEMBER : now.superAdmins().contains(member) ? Role.SUPER_ADMIN
                        : now.admins().contains(member) ? Role.ADMIN : Role.MEMBER;
                List<EthereumAddress> addresses = Optional.ofNullable(states.get(member)).map(InboxState::addresses)
                        .orElse(List.of()).stream().map(EthereumAddress::of).toList();
                ConsentState consent = member.equals(self) ? ConsentState.ALLOWED
                        : now.dm() ? conversationConsent : ConsentState.UNKNOWN;
                members.add(new Member(InboxId.of(member), role, addresses, consent));
            }
            return members;
        });
    }

    public CompletionStage<Void> sync() {
        return inbox.call(client -> {
            client.sync(id.value());
            return null;
        });
    }

    public Flow.Publisher<Message> messageStream() {
        return subscriber -> inbox.session().subscribeMessages(inbox, Optional.of(id),
                Objects.requireNonNull(subscriber, "subscriber"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationHandle c && c.id.equals(id) && c.inbox.info().equals(inbox.info());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return kind() + "[" + id + "]";
    }
}
