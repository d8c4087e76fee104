package io.socon.messaging.it.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socon.messaging.api.Messaging;
import io.socon.messaging.spi.notify.Notification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A setting of the archive's MicroProfile Config takes effect: {@code socon.notify.previews=true} (off by
 * default, see {@link MessagingInjectionIT}) puts the beginning of the text in the notification.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigOverrideIT {

    @Deployment
    static WebArchive deployment() {
        return SoconArchives.war("config-override", Map.of("socon.notify.previews", "true"))
                .addClasses(DmExchange.class, DmExchange.Result.class, NotificationRecorder.class);
    }

    @Inject
    Messaging messaging;

    @Inject
    NotificationRecorder notifications;

    @Test
    void previewsEnabledThroughMicroProfileConfigReachTheNotification() {
        DmExchange.Result result = DmExchange.run(messaging, "Hello Bob, with a preview", "Hi Alice");

        Notification toBob = Waits.until("a notification for Bob", () -> notifications.firstFor(result.bob()));
        assertEquals(Optional.of("Hello Bob, with a preview"), toBob.preview());
        Notification toAlice = Waits.until("a notification for Alice", () -> notifications.firstFor(result.alice()));
        assertEquals(Optional.of("Hi Alice"), toAlice.preview());
    }
}
