package io.socon.messaging.it.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socon.messaging.api.Messaging;
import io.socon.messaging.spi.keyvault.KeyInfo;
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
 * The archive brings its own {@code KeyVault} and {@code NotificationSink} beans; with no change to impl and
 * nothing but {@code socon.vault.key-prefix} in the configuration, the module keeps the custodial keys in that
 * vault and notifies through that sink, instead of its built-in ones (no CDI event is fired).
 */
@ExtendWith(ArquillianExtension.class)
class PluginReplacementIT {

    @Deployment
    static WebArchive deployment() {
        return SoconArchives.war("plugin-replacement", Map.of("socon.vault.key-prefix", CountingKeyVault.PREFIX))
                .addClasses(DmExchange.class, DmExchange.Result.class, CountingKeyVault.class, RecordingSink.class,
                        NotificationRecorder.class);
    }

    @Inject
    Messaging messaging;

    @Inject
    CountingKeyVault vault;

    @Inject
    RecordingSink sink;

    @Inject
    NotificationRecorder cdiEvents;

    @Test
    void theApplicationsVaultAndSinkReplaceTheBuiltInOnes() {
        DmExchange.Result result = DmExchange.run(messaging, "Hello Bob", "Hi Alice");
        assertEquals(List.of("Hello Bob", "Hi Alice"), result.aliceRead());

        // The custodial wallets were made and used in the application's vault.
        assertTrue(vault.generated() >= 2, "keys generated in the application's vault: " + vault.generated());
        assertTrue(vault.signed() >= 2, "signatures made by the application's vault: " + vault.signed());
        List<KeyInfo> keys = vault.list();
        assertTrue(keys.size() >= 2, "the vault holds both users' keys: " + keys);
        assertTrue(keys.stream().allMatch(k -> k.uri().value().startsWith(CountingKeyVault.PREFIX)), keys.toString());

        // Bob had no stream: the application's sink was told, the built-in CDI event sink was not used.
        Notification toBob = Waits.until("a notification for Bob in the application's sink",
                () -> sink.firstFor(result.bob()));
        assertEquals(result.dm(), toBob.conversationId());
        assertEquals(result.aliceInbox().info().inboxId(), toBob.sender());
        assertEquals(List.of(), cdiEvents.received(), "the built-in CDI event sink is replaced");
    }
}
