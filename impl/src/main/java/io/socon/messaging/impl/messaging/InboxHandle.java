package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InboxInfo;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.Peer;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Conversations;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.InboxState;
import io.socon.messaging.impl.client.XmtpClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * What {@link MessagingService#openInbox} returns: a light handle on the user's shared {@link InboxSession}. Each
 * open gets its own handle, so one caller's {@link #close()} ends that caller's streams without disturbing other
 * requests of the same user; the session (and the user's client) lives on and goes idle by itself.
 */
final class InboxHandle implements Inbox {

    /** Most peers {@link #canMessage} takes. */
    static final int MAX_PEERS = 1000;

    private final InboxSession session;
    private final InboxInfo info;
    private final Set<StreamSubscription<?>> streams = ConcurrentHashMap.newKeySet();
    private final ConversationsImpl conversations;
    private volatile boolean closed;

    InboxHandle(InboxSession session) {
        this.session = session;
        this.info = session.info().orElseThrow();
        this.conversations = new ConversationsImpl(this);
    }

    InboxSession session() {
        return session;
    }

    boolean isClosed() {
        return closed;
    }

    /** Runs work with the user's client, unless this handle is closed. */
    <T> CompletionStage<T> call(Function<XmtpClient, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new MessagingException(ErrorCode.CLOSED,
                    "this inbox handle is closed; open the inbox again"));
        }
        return session.call(work);
    }

    /** A handle on a conversation, for this inbox. */
    Conversation conversation(ClientConversation c, ConsentState consent) {
        return c.dm() ? new DmHandle(this, c, consent) : new GroupHandle(this, c, consent);
    }

    void remember(StreamSubscription<?> subscription) {
        streams.add(subscription);
    }

    void forget(StreamSubscription<?> subscription) {
        streams.remove(subscription);
    }

    @Override
    public InboxInfo info() {
        return info;
    }

    @Override
    public Conversations conversations() {
        return conversations;
    }

    @Override
    public CompletionStage<Map<Peer, Boolean>> canMessage(Collection<? extends Peer> peers) {
        if (peers == null || peers.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "peers must not be null or contain null");
        }
        if (peers.size() > MAX_PEERS) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "canMessage takes at most " + MAX_PEERS
                    + " peers, got " + peers.size());
        }
        List<Peer> asked = List.copyOf(peers);
        return call(client -> {
            Map<Peer, Boolean> answer = new LinkedHashMap<>();
            List<String> addresses = new ArrayList<>();
            for (Peer peer : asked) {
                if (peer instanceof EthereumAddress a) {
                    addresses.add(a.value());
                }
            }
            Map<String, Boolean> byAddress = addresses.isEmpty() ? Map.of() : client.canMessage(addresses);
            for (Peer peer : asked) {
                switch (peer) {
                    case EthereumAddress a -> answer.put(peer, byAddress.getOrDefault(a.value(), false));
                    case InboxId id -> answer.put(peer, reachable(client, id));
                }
            }
            return answer;
        });
    }

    private static boolean reachable(XmtpClient client, InboxId id) {
        try {
            InboxState state = client.inboxState(id.value());
            return !state.installationIds().isEmpty();
        } catch (MessagingException e) {
            if (e.retryable()) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public Flow.Publisher<Conversation> conversationStream() {
        return subscriber -> session.subscribeConversations(this, Objects.requireNonNull(subscriber, "subscriber"));
    }

    @Override
    public Flow.Publisher<Message> messageStream() {
        return subscriber -> session.subscribeMessages(this, Optional.empty(),
                Objects.requireNonNull(subscriber, "subscriber"));
    }

    /** Completes this handle's streams; the user's inbox stays open for other handles. */
    @Override
    public void close() {
        closed = true;
        for (StreamSubscription<?> stream : List.copyOf(streams)) {
            stream.complete();
        }
        streams.clear();
    }

    @Override
    public String toString() {
        return "Inbox[" + info.inboxId() + (closed ? ", closed" : "") + "]";
    }
}
