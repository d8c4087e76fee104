package io.socon.messaging.impl.jakarta;

import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import jakarta.enterprise.event.Event;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The default notification sink inside a server: fires each {@link Notification} as a CDI event, first to
 * synchronous observers ({@code void on(@Observes Notification n)}: keep them quick, they run on a messaging
 * thread), then to asynchronous ones ({@code @ObservesAsync}). The stage completes when the asynchronous observers
 * are done. Not a bean itself: {@link MessagingProducer} makes it unless the application provides its own sinks.
 */
public final class CdiEventNotificationSink implements NotificationSink {

    private final Event<Notification> event;

    public CdiEventNotificationSink(Event<Notification> event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    @Override
    public String name() {
        return "cdi-event";
    }

    @Override
    public CompletionStage<Void> deliver(Notification notification) {
        try {
            event.fire(notification);
            return event.fireAsync(notification).thenApply(n -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
