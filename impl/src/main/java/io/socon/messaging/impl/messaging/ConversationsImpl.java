package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.Peer;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.ConversationPage;
import io.socon.messaging.api.conversation.ConversationQuery;
import io.socon.messaging.api.conversation.Conversations;
import io.socon.messaging.api.conversation.Direction;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.NewGroup;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.XmtpGroupRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The conversations of one {@link InboxHandle}. */
final class ConversationsImpl implements Conversations {

    private final InboxHandle inbox;

    ConversationsImpl(InboxHandle inbox) {
        this.inbox = inbox;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists every conversation in local storage, also those this inbox was removed from (they keep their
     * history; sending to them fails with {@code NOT_A_MEMBER}). Pages end between two distinct activity times,
     * so conversations with the same time are never split over two pages. Of several DMs with the same peer only
     * the most recently active is listed (libxmtp's DM stitching, see {@code impl.client.DmStitching}).
     */
    @Override
    public CompletionStage<ConversationPage> list(ConversationQuery query) {
        if (query == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "query must not be null");
        }
        return inbox.call(client -> {
            long after = query.activeAfter().map(Mapping::nanos).orElse(Long.MIN_VALUE);
            long before = query.activeBefore().map(Mapping::nanos).orElse(Long.MAX_VALUE);
            List<ClientConversation> all = new ArrayList<>(client.conversations());
            Comparator<ClientConversation> order = Comparator.comparingLong(ClientConversation::lastActivityNs)
                    .thenComparing(ClientConversation::id);
            all.sort(query.direction() == Direction.ASCENDING ? order : order.reversed());
            List<ClientConversation> matching = new ArrayList<>();
            List<ConsentState> consents = new ArrayList<>();
            for (ClientConversation c : all) {
                ConversationKind kind = c.dm() ? ConversationKind.DM : ConversationKind.GROUP;
                if (c.lastActivityNs() <= after || c.lastActivityNs() >= before || !query.kinds().contains(kind)) {
                    continue;
                }
                ConsentState consent = client.consent(c.id());
                if (!query.consent().contains(consent)) {
                    continue;
                }
                matching.add(c);
                consents.add(consent);
                if (matching.size() > query.limit()) {
                    break;
                }
            }
            Optional<ConversationQuery> next = Optional.empty();
            int size = Math.min(matching.size(), query.limit());
            if (matching.size() > query.limit()) {
                size = Paging.endBetweenTimes(matching.stream().map(ClientConversation::lastActivityNs).toList(),
                        query.limit());
                long boundary = matching.get(size - 1).lastActivityNs();
                next = Optional.of(query.direction() == Direction.ASCENDING ? query.after(Mapping.instant(boundary))
                        : query.before(Mapping.instant(boundary)));
            }
            List<Conversation> page = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                page.add(inbox.conversation(matching.get(i), consents.get(i)));
            }
            return new ConversationPage(page, next);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The id of a DM stitched into another (several DMs with the same peer) finds the DM listings show, whose id
     * may be another.
     */
    @Override
    public CompletionStage<Optional<Conversation>> find(ConversationId id) {
        if (id == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ID, "a conversation id is missing");
        }
        return inbox.call(client -> client.conversation(id.value())
                .map(c -> inbox.conversation(c, client.consent(c.id()))));
    }

    @Override
    public CompletionStage<Dm> openDm(Peer peer) {
        if (peer == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "peer must not be null");
        }
        if (peer.equals(inbox.info().inboxId()) || peer.equals(inbox.info().address())) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a DM needs another inbox; " + peer
                    + " is this inbox itself");
        }
        return inbox.call(client -> {
            ClientConversation dm = client.findOrCreateDm(text(peer));
            return (Dm) inbox.conversation(dm, client.consent(dm.id()));
        });
    }

    @Override
    public CompletionStage<Group> createGroup(NewGroup group) {
        if (group == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "group must not be null");
        }
        List<String> members = group.members().stream().map(ConversationsImpl::text).toList();
        XmtpGroupRules.NewGroup options = new XmtpGroupRules.NewGroup(group.metadata().name(),
                group.metadata().description(), group.metadata().imageUrl().map(Object::toString).orElse(""),
                group.permissions() == NewGroup.Permissions.ADMINS_ONLY);
        return inbox.call(client -> {
            ClientConversation created = client.createGroup(members, options);
            return (Group) inbox.conversation(created, client.consent(created.id()));
        });
    }

    /** {@inheritDoc} Also fetches the new messages of every conversation (XMTP's {@code syncAll}). */
    @Override
    public CompletionStage<Void> sync() {
        return inbox.call(client -> {
            client.syncAll();
            return null;
        });
    }

    static String text(Peer peer) {
        return switch (peer) {
            case InboxId id -> id.value();
            case EthereumAddress a -> a.value();
        };
    }
}
