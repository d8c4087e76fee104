package io.socon.messaging.it.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socon.messaging.api.Messaging;
import io.socon.messaging.impl.jakarta.EmbeddedNode;
import io.socon.messaging.spi.notify.Notification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module deployed as an application would: its jars in {@code WEB-INF/lib}, configured by the archive's
 * {@code microprofile-config.properties}; a bean injects {@link Messaging}, two host users exchange a DM through
 * the embedded node, and the default notification sink fires a CDI event for the user who had no stream.
 * The assertions run inside Liberty (Arquillian's REST protocol).
 */
@ExtendWith(ArquillianExtension.class)
class MessagingInjectionIT {

    @Deployment
    static WebArchive deployment() {
        return SoconArchives.war("messaging-injection", Map.of())
                .addClasses(DmExchange.class, DmExchange.Result.class, NotificationRecorder.class);
    }

    @Inject
    Messaging messaging;

    @Inject
    EmbeddedNode node;

    @Inject
    NotificationRecorder notifications;

    @Test
    void twoHostUsersExchangeADmThroughTheInjectedMessaging() {
        assertNotNull(messaging, "CDI injected Messaging");

        DmExchange.Result result = DmExchange.run(messaging, "Hello Bob", "Hi Alice");

        assertEquals(List.of("Hello Bob"), result.bobRead());
        assertEquals(List.of("Hello Bob", "Hi Alice"), result.aliceRead());
        assertNotEquals(result.aliceInbox().info().inboxId(), result.bobInbox().info().inboxId());

        // Bob had no stream open: the default sink fired a CDI event, without plaintext (previews are off).
        Notification toBob = Waits.until("a notification for Bob", () -> notifications.firstFor(result.bob()));
        assertEquals(result.dm(), toBob.conversationId());
        assertEquals(result.aliceInbox().info().inboxId(), toBob.sender());
        assertTrue(toBob.preview().isEmpty(), "no preview by default: " + toBob.preview());
    }

    @Test
    void theEmbeddedNodeRunsOnAFreePort() {
        assertTrue(node.status().running(), node.status().detail());
        int port = node.port().orElseThrow();
        assertTrue(port > 0 && port != 5556, "socon.node.port=0 picked a free port, not XMTP's 5556: " + port);
    }
}
