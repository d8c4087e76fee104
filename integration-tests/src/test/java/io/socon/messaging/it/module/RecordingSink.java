package io.socon.messaging.it.module;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application's notification sink: records what it is given. */
@ApplicationScoped
public class RecordingSink implements NotificationSink {

    private final List<Notification> delivered = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "it-recording-sink";
    }

    @Override
    public CompletionStage<Void> deliver(Notification notification) {
        delivered.add(notification);
        return CompletableFuture.completedFuture(null);
    }

    public List<Notification> delivered() {
        return List.copyOf(delivered);
    }

    /** The first notification for {@code user}, or null. */
    public Notification firstFor(HostUser user) {
        return delivered.stream().filter(n -> n.recipient().equals(user)).findFirst().orElse(null);
    }
}
