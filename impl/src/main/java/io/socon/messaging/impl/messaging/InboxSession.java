package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InboxInfo;
import io.socon.messaging.api.InstallationId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.ClientMessage;
import io.socon.messaging.impl.client.XmtpClient;
import io.socon.messaging.impl.store.client.ClientStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One host user's inbox on this server, shared by every {@link InboxHandle} opened for the user: the user's
 * {@link XmtpClient} (opened when work needs it, closed again after the idle time), the streams subscribed to
 * it, and the syncs the {@link NodeWatcher} asks for. There is exactly one session per user for the life of the
 * {@link MessagingService}, so one store is never opened twice.
 *
 * <p>The client's events feed the streams; a message that no stream of the user would show, from someone else and
 * of a pushed content type, goes to the {@link Notifier}.
 */
final class InboxSession {

    private static final System.Logger LOG = System.getLogger(InboxSession.class.getName());

    /**
     * A stream subscriber: the handle it belongs to, and for a conversation's stream, that conversation. A DM's
     * stream shows the messages of every DM with the peer, as its message listing does.
     */
    private record MessageStream(InboxHandle owner, Optional<String> conversationId,
                                 StreamSubscription<Message> subscription) {
        /** @param stitched the groups of the message's conversation (its own id first if it is not a DM) */
        boolean shows(List<String> stitched) {
            return subscription.live() && conversationId.map(stitched::contains).orElse(true);
        }
    }

    private record ConversationStream(InboxHandle owner, StreamSubscription<Conversation> subscription) {
    }

    private final MessagingService service;
    private final String hash;
    private final HostUser user;
    private final Object lock = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<MessageStream> messageStreams = ConcurrentHashMap.newKeySet();
    private final Set<ConversationStream> conversationStreams = ConcurrentHashMap.newKeySet();
    private final Set<String> syncsAsked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean welcomesAsked = new AtomicBoolean();
    /** Serializes opening and registering the inbox. */
    final Object registration = new Object();

    private volatile InboxInfo info;
    private volatile XmtpClient client;
    private AutoCloseable events;
    private boolean inDirectory;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile boolean closed;

    InboxSession(MessagingService service, String hash, HostUser user, Optional<InboxInfo> info) {
        this.service = service;
        this.hash = hash;
        this.user = user;
        this.info = info.orElse(null);
        this.inDirectory = info.isPresent();
    }

    String hash() {
        return hash;
    }

    HostUser user() {
        return user;
    }

    /** Who the inbox is, once it is registered. */
    Optional<InboxInfo> info() {
        return Optional.ofNullable(info);
    }

    /** Whether the user's client is open now. */
    boolean clientOpen() {
        return client != null;
    }

    // ------------------------------------------------------------------------------------------ work

    /** Runs {@code work} with the user's client (opening it if needed) on an operation thread. */
    <T> CompletableFuture<T> call(Function<XmtpClient, T> work) {
        return service.ops().submit(() -> runNow(work));
    }

    /** Runs {@code work} with the user's client on this thread; keeps the session from idling meanwhile. */
    <T> T runNow(Function<XmtpClient, T> work) {
        inFlight.incrementAndGet();
        try {
            return work.apply(ensureOpen());
        } finally {
            lastUsedNanos = System.nanoTime();
            inFlight.decrementAndGet();
        }
    }

    private XmtpClient ensureOpen() {
        synchronized (lock) {
            if (closed) {
                throw new MessagingException(ErrorCode.CLOSED, "Socon Messaging is closed");
            }
            if (client == null) {
                if (info == null) {
                    throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "the inbox of this user is not"
                            + " registered yet; open it first");
                }
                ClientStore store = service.openStore(hash);
                try {
                    attachLocked(XmtpClient.open(service.settings(store, Optional.empty())));
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            }
            return client;
        }
    }

    /** Takes over a client just opened or registered for this user. */
    void adopt(XmtpClient opened) {
        synchronized (lock) {
            if (closed) {
                opened.close();
                throw new MessagingException(ErrorCode.CLOSED, "Socon Messaging is closed");
            }
            if (client != null) {
                // cannot happen: registration and opening are serialized per user
                opened.close();
                return;
            }
            attachLocked(opened);
        }
        lastUsedNanos = System.nanoTime();
    }

    private void attachLocked(XmtpClient opened) {
        client = opened;
        events = opened.onEvents(this::onMessage, this::onConversation);
        info = new InboxInfo(InboxId.of(opened.inboxId()), EthereumAddress.of(opened.address()),
                InstallationId.of(opened.installationId()));
        if (!inDirectory) {
            // first open in this process of an inbox the directory does not know: record it and its conversations
            service.directory().putUser(new UserDirectory.User(hash, user, opened.inboxId(), opened.address(),
                    opened.installationId()), opened.welcomeCursor());
            Map<String, Long> groups = new HashMap<>();
            for (ClientConversation c : opened.conversations(true)) {
                long cursor = opened.syncCursor(c.id());
                if (service.directory().addGroup(hash, c.id(), cursor)) {
                    groups.put(c.id(), cursor);
                }
            }
            service.watcher().watchInstallations(Map.of(opened.installationId(), opened.welcomeCursor()));
            service.watcher().watchGroups(groups);
            inDirectory = true;
        }
    }

    /** Closes the client if nothing used it for {@code idleNanos} and no stream is subscribed; whether it did. */
    boolean closeIfIdle(long nowNanos, long idleNanos) {
        synchronized (lock) {
            if (client == null || inFlight.get() > 0 || hasStreams() || nowNanos - lastUsedNanos < idleNanos) {
                return false;
            }
            closeClientLocked();
            return true;
        }
    }

    private void closeClientLocked() {
        XmtpClient open = client;
        client = null;
        if (events != null) {
            try {
                events.close();
            } catch (Exception e) {
                // removing a listener does not fail
            }
            events = null;
        }
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the client of user " + hash + " failed: " + e, e);
            }
        }
    }

    /** Ends every stream and closes the client; later work fails with {@code CLOSED}. */
    void close() {
        closed = true;
        messageStreams.forEach(s -> s.subscription().complete());
        conversationStreams.forEach(s -> s.subscription().complete());
        synchronized (lock) {
            closeClientLocked();
        }
    }

    // ------------------------------------------------------------------------------------------ node events

    /** The watcher saw a new message in a conversation of this user: sync it (once for a burst). */
    void syncAsked(String groupId, long nodeId) {
        if (!syncsAsked.add(groupId)) {
            return;
        }
        service.ops().background(() -> {
            syncsAsked.remove(groupId);
            try {
                runNow(c -> c.sync(groupId));
                service.directory().advanceGroup(groupId, nodeId);
            } catch (MessagingException e) {
                LOG.log(System.Logger.Level.WARNING, "user " + hash + ": could not sync conversation " + groupId
                        + ": " + e.getMessage());
            }
        });
    }

    /** The watcher saw a welcome for this user's installation: process the welcomes (once for a burst). */
    void welcomesAsked(long welcomeId) {
        if (!welcomesAsked.compareAndSet(false, true)) {
            return;
        }
        service.ops().background(() -> {
            welcomesAsked.set(false);
            try {
                runNow(c -> {
                    c.processWelcomes();
                    service.directory().advanceWelcomes(hash, c.welcomeCursor());
                    return null;
                });
            } catch (MessagingException e) {
                LOG.log(System.Logger.Level.WARNING, "user " + hash + ": could not process welcome " + welcomeId
                        + ": " + e.getMessage());
            }
        });
    }

    // ------------------------------------------------------------------------------------------ client events

    private void onMessage(ClientMessage m) {
        Message message = Mapping.message(m);
        boolean shown = false;
        XmtpClient current = client;
        List<String> stitched = List.of(m.conversationId());
        if (current != null && messageStreams.stream().anyMatch(s -> s.conversationId().isPresent())) {
            List<String> groups = current.stitchedIds(m.conversationId());
            stitched = groups.isEmpty() ? stitched : groups;
        }
        for (MessageStream stream : messageStreams) {
            if (stream.shows(stitched)) {
                stream.subscription().offer(message);
                shown = true;
            }
        }
        InboxInfo self = info;
        if (!shown && m.shouldPush() && self != null && !m.senderInboxId().equals(self.inboxId().value())
                && !m.senderInboxId().isEmpty()) {
            XmtpClient open = client;
            ConversationKind kind = open == null ? ConversationKind.GROUP
                    : open.conversation(m.conversationId()).map(c -> c.dm() ? ConversationKind.DM
                            : ConversationKind.GROUP).orElse(ConversationKind.GROUP);
            service.notifier().messageArrived(user, self.inboxId(), m, kind);
        }
    }

    private void onConversation(ClientConversation c) {
        XmtpClient open = client;
        if (open != null) {
            long cursor = open.syncCursor(c.id());
            if (service.directory().addGroup(hash, c.id(), cursor)) {
                service.watcher().watchGroups(Map.of(c.id(), cursor));
            }
            // the watcher may have passed messages of this conversation on before this user was listed as a
            // member (another local member's conversation): fetch what came after the join
            syncAsked(c.id(), cursor);
        }
        // like libxmtp's conversation stream: another DM with a peer this inbox has one with already is stitched
        // into that one (listed as one conversation), not announced as a new conversation
        boolean duplicateDm = open != null && c.dm() && open.stitchedIds(c.id()).size() > 1;
        for (ConversationStream stream : conversationStreams) {
            if (stream.subscription().live() && !duplicateDm) {
                stream.subscription().offer(stream.owner().conversation(c, open == null
                        ? io.socon.messaging.api.conversation.ConsentState.UNKNOWN : open.consent(c.id())));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ streams

    private boolean hasStreams() {
        return messageStreams.stream().anyMatch(s -> s.subscription().live())
                || conversationStreams.stream().anyMatch(s -> s.subscription().live());
    }

    /** Subscribes to new messages of the inbox, or of one conversation. */
    void subscribeMessages(InboxHandle owner, Optional<ConversationId> conversation,
                           Flow.Subscriber<? super Message> subscriber) {
        MessageStream[] self = new MessageStream[1];
        StreamSubscription<Message> subscription = new StreamSubscription<>(subscriber, service.streamCapacity(),
                service.signals(), () -> {
                    messageStreams.remove(self[0]);
                    owner.forget(self[0].subscription());
                });
        self[0] = new MessageStream(owner, conversation.map(ConversationId::value), subscription);
        start(owner, subscription, () -> messageStreams.add(self[0]));
    }

    /** Subscribes to conversations this inbox is added to from now on. */
    void subscribeConversations(InboxHandle owner, Flow.Subscriber<? super Conversation> subscriber) {
        ConversationStream[] self = new ConversationStream[1];
        StreamSubscription<Conversation> subscription = new StreamSubscription<>(subscriber,
                service.streamCapacity(), service.signals(), () -> {
                    conversationStreams.remove(self[0]);
                    owner.forget(self[0].subscription());
                });
        self[0] = new ConversationStream(owner, subscription);
        start(owner, subscription, () -> conversationStreams.add(self[0]));
    }

    private void start(InboxHandle owner, StreamSubscription<?> subscription, Runnable register) {
        if (closed || owner.isClosed()) {
            subscription.start();
            subscription.fail(new MessagingException(ErrorCode.CLOSED, closed ? "Socon Messaging is closed"
                    : "this inbox handle is closed; open the inbox again"));
            return;
        }
        register.run();
        owner.remember(subscription);
        lastUsedNanos = System.nanoTime();
        subscription.start();
        // keep the client open while streams are subscribed, so events reach them without reopening the store
        service.ops().background(() -> {
            try {
                runNow(c -> null);
            } catch (MessagingException e) {
                subscription.fail(e);
            }
        });
    }

    @Override
    public String toString() {
        return "InboxSession[" + hash + (client != null ? ", open" : ", idle") + "]";
    }
}
