package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.impl.client.ClientMessage;
import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hands notifications to every configured {@link NotificationSink} that accepts them (fan-out), on a thread of its
 * own (never the engine's, which holds the conversation's lock: a sink or a CDI observer may call back into the
 * API) and without waiting for them: each sink's stage is only watched, and a failure is logged with the
 * notification id and the sink's name (never the preview). Without sinks it drops notifications and says so once.
 */
final class Notifier implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final List<NotificationSink> sinks;
    private final boolean previews;
    private final Executor executor;
    private volatile boolean saidNone;

    Notifier(List<NotificationSink> sinks, boolean previews, Executor executor) {
        this.sinks = List.copyOf(sinks);
        this.previews = previews;
        this.executor = executor;
    }

    /** Tells the sinks that {@code message} arrived for {@code user}, who has no stream that would show it. */
    void messageArrived(HostUser user, InboxId recipientInbox, ClientMessage message, ConversationKind kind) {
        if (sinks.isEmpty()) {
            if (!saidNone) {
                saidNone = true;
                LOG.log(System.Logger.Level.INFO, "no notification sink is configured: users without a live"
                        + " connection are not told of new messages");
            }
            return;
        }
        Notification notification = new Notification(UUID.randomUUID(), user, recipientInbox,
                ConversationId.of(message.conversationId()), kind, MessageId.of(message.id()),
                InboxId.of(message.senderInboxId()), message.contentType(), Mapping.instant(message.sentAtNs()),
                previews ? preview(message) : Optional.empty());
        try {
            executor.execute(() -> fanOut(notification));
        } catch (RuntimeException rejected) {
            LOG.log(System.Logger.Level.WARNING, "notification {0} dropped: shutting down", notification.id());
        }
    }

    private void fanOut(Notification notification) {
        for (NotificationSink sink : sinks) {
            try {
                if (!sink.accepts(notification)) {
                    continue;
                }
                CompletionStage<Void> delivered = sink.deliver(notification);
                if (delivered != null) {
                    delivered.whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.log(System.Logger.Level.WARNING, "notification sink {0} could not deliver"
                                    + " notification {1}: {2}", sink.name(), notification.id(), failure.toString());
                        }
                    });
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "notification sink {0} failed on notification {1}: {2}",
                        sink.name(), notification.id(), e.toString());
            }
        }
    }

    private static Optional<String> preview(ClientMessage message) {
        String text = switch (message.content()) {
            case Text t -> t.text();
            case Reply r when r.content() instanceof Text t -> t.text();
            default -> message.content().fallback().orElse(null);
        };
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > Notification.MAX_PREVIEW_LENGTH) {
            int end = Notification.MAX_PREVIEW_LENGTH - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + "…";
        }
        return Optional.of(text);
    }

    @Override
    public void close() {
        for (NotificationSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing notification sink " + sink.name() + " failed: " + e, e);
            }
        }
    }
}
