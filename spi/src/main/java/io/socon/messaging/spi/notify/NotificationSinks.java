package io.socon.messaging.spi.notify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Built-in sinks that need nothing but the JDK. */
public final class NotificationSinks {

    private static final NotificationSink NONE = new NotificationSink() {
        @Override
        public CompletionStage<Void> deliver(Notification notification) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public String name() {
            return "none";
        }
    };

    private NotificationSinks() {
    }

    /** Drops every notification. The fallback when no sink is configured (Socon Messaging says so once in its log). */
    public static NotificationSink none() {
        return NONE;
    }

    /**
     * Writes one line per notification to the JDK's {@link System.Logger} (named
     * {@code io.socon.messaging.notify}) at INFO, without the preview: ids and content type only. For
     * development and for operators who want to see that notifications would be sent.
     */
    public static NotificationSink logging() {
        System.Logger log = System.getLogger("io.socon.messaging.notify");
        return new NotificationSink() {
            @Override
            public CompletionStage<Void> deliver(Notification n) {
                log.log(System.Logger.Level.INFO, "notify {0} ({1}): {2} in {3} {4} from {5}, id {6}",
                        n.recipient().id(), n.recipientInbox(), n.contentType(), n.conversationKind(),
                        n.conversationId(), n.sender(), n.id());
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public String name() {
                return "logging";
            }
        };
    }
}
