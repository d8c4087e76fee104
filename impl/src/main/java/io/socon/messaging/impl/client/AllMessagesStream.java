package io.socon.messaging.impl.client;

import io.socon.messaging.api.MessagingException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stream of every message of every conversation, as libxmtp's {@code streamAllMessages}: a welcome
 * subscription for new conversations, and one group subscription over all conversations that grows as they are
 * added. Whatever a subscription delivers only wakes the engine, which processes the group's messages from its
 * stored cursor; each message reaches the consumer once, when it is first stored, so nothing is lost or doubled
 * across resubscribes, reconnects or messages that also arrive through a sync.
 */
final class AllMessagesStream implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AllMessagesStream.class.getName());

    private final XmtpClient client;
    private final AutoCloseable listener;
    private final NodeApi.WelcomeSubscription welcomes;
    private final NodeApi.GroupSubscription groups;

    AllMessagesStream(XmtpClient client, Consumer<ClientMessage> onMessage, Consumer<ClientConversation> onConversation) {
        this.client = client;
        ClientContext ctx = client.context();
        client.syncAll();
        Object lock = new Object();
        NodeApi.GroupSubscription[] groupsRef = new NodeApi.GroupSubscription[1];
        this.listener = client.listen(new ClientEvents() {
            @Override
            public void conversationAdded(StoredGroup group) {
                synchronized (lock) {
                    if (groupsRef[0] != null) {
                        groupsRef[0].addGroup(group.groupId(), group.messageCursor());
                    }
                }
                onConversation.accept(client.view(group));
            }

            @Override
            public void messageStored(StoredMessage message) {
                onMessage.accept(client.message(message));
            }
        });
        Map<Bytes, Long> cursors = new LinkedHashMap<>();
        for (StoredGroup g : ctx.store().read(tx -> tx.groups())) {
            if (g.status() == StoredGroup.Status.ACTIVE) {
                cursors.put(Bytes.copyOf(g.groupId()), g.messageCursor());
            }
        }
        synchronized (lock) {
            groupsRef[0] = ctx.api().subscribeGroupMessages(cursors, this::groupMessage);
        }
        this.groups = groupsRef[0];
        long welcomeCursor = ctx.store().read(tx -> tx.cursor("welcomes"));
        this.welcomes = ctx.api().subscribeWelcomes(ctx.installation().installationKey().toByteArray(), welcomeCursor,
                this::welcome);
    }

    private void groupMessage(GroupMessage.V1 message) {
        try {
            client.engine().sync(Bytes.copyOf(message.getGroupId().toByteArray()));
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.WARNING, "stream: could not process group message {0}: {1}", message.getId(),
                    e.getMessage());
        }
    }

    private void welcome(WelcomeMessage.V1 welcome) {
        try {
            client.engine().processStreamedWelcome(welcome);
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.WARNING, "stream: could not process welcome {0}: {1}", welcome.getId(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        welcomes.close();
        groups.close();
        try {
            listener.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
