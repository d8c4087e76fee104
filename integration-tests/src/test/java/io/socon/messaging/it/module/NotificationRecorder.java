package io.socon.messaging.it.module;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.spi.notify.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the notifications the module fires as CDI events (its default sink). */
@ApplicationScoped
public class NotificationRecorder {

    private final List<Notification> received = new CopyOnWriteArrayList<>();

    void on(@Observes Notification notification) {
        received.add(notification);
    }

    public List<Notification> received() {
        return List.copyOf(received);
    }

    /** The first notification for {@code user}, or null. */
    public Notification firstFor(HostUser user) {
        return received.stream().filter(n -> n.recipient().equals(user)).findFirst().orElse(null);
    }
}
