package io.socon.messaging.impl.jakarta;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.api.Messaging;
import io.socon.messaging.impl.client.net.ConnectionSettings;
import io.socon.messaging.impl.client.net.NodeConnection;
import io.socon.messaging.impl.identity.CustodialIdentityProvider;
import io.socon.messaging.impl.identity.ExternalWalletIdentityProvider;
import io.socon.messaging.impl.keyvault.FileKeyVault;
import io.socon.messaging.impl.messaging.MessagingService;
import io.socon.messaging.impl.notify.WebhookNotificationSink;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.spi.identity.IdentityProvider;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.KeyVaults;
import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Makes the application's {@link Messaging} ({@code @Inject Messaging messaging}): one
 * {@link MessagingService} for the application, configured by MicroProfile Config ({@link MessagingConfig},
 * {@link EmbeddedNodeConfig}), closed when the application stops.
 *
 * <h2>Plugins replace the defaults</h2>
 * The application's own CDI beans of the SPI types are found with {@code @Any Instance<...>} (any qualifier):
 * <ul>
 *   <li>{@link KeyVault} beans: registered in a {@link KeyVaults} registry; the one that handles
 *       {@code socon.vault.key-prefix} holds the service's keys (two that both handle it fail fast). Without one,
 *       the built-in vault of {@code socon.vault.type} is used (a PKCS#12 file, or memory).</li>
 *   <li>{@link IdentityProvider} beans replace the built-in external-wallet and custodial providers (or join them,
 *       with {@code socon.identity.keep-defaults=true}); all are asked by priority.</li>
 *   <li>{@link NotificationSink} beans replace the built-in CDI event and webhook sinks (or join them, with
 *       {@code socon.notify.keep-defaults=true}).</li>
 * </ul>
 * The built-in implementations are not beans, so they never compete with the application's.
 */
@ApplicationScoped
public class MessagingProducer {

    private static final System.Logger LOG = System.getLogger(MessagingProducer.class.getName());

    @Inject
    Config config;

    @Inject
    EmbeddedNode embeddedNode;

    @Inject
    @Any
    Instance<KeyVault> applicationVaults;

    @Inject
    @Any
    Instance<IdentityProvider> applicationIdentityProviders;

    @Inject
    @Any
    Instance<NotificationSink> applicationSinks;

    @Inject
    Event<Notification> notificationEvent;

    private KeyVault ownedVault;
    private NodeConnection connection;
    private HikariDataSource ownedDatabase;

    /** The application's messaging entry point. */
    @Produces
    @ApplicationScoped
    public synchronized Messaging messaging() {
        MessagingConfig settings = MessagingConfig.from(config);
        EmbeddedNodeConfig nodeSettings = EmbeddedNodeConfig.from(config);
        KeyVault vault = vault(settings);
        try {
            connection = connect(nodeSettings, settings);
            MessagingService.Builder builder = MessagingService.builder()
                    .nodeConnection(connection)
                    .keyVault(vault, settings.keyPrefix())
                    .dataDirectory(settings.dataDir())
                    .idleTimeout(settings.idleClose())
                    .challengeTtl(settings.challengeTtl())
                    .maxConcurrentOperations(settings.maxConcurrent(), settings.maxWaiting())
                    .notificationPreviews(settings.previews())
                    .identityProviders(identityProviders(settings, vault))
                    .notificationSinks(sinks(settings));
            database(settings.database()).ifPresent(builder::database);
            MessagingService service = builder.build();
            LOG.log(Level.INFO, "Socon Messaging started: node " + connection.node() + ", " + settings);
            return service;
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /** Closes the messaging service, then the node connection and the built-in vault. */
    public synchronized void close(@Disposes Messaging messaging) {
        try {
            messaging.close();
        } finally {
            closeResources();
        }
    }

    private void closeResources() {
        if (ownedDatabase != null) {
            ownedDatabase.close();
            ownedDatabase = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (ownedVault != null) {
            ownedVault.close();
            ownedVault = null;
        }
    }

    /** The configured messaging database, if not the embedded H2 one. */
    private Optional<DataSource> database(DatabaseSettings settings) {
        if (settings.jndiName().isPresent()) {
            return Optional.of(settings.lookup());
        }
        if (settings.jdbcUrl().isPresent()) {
            ownedDatabase = Database.pool(settings.jdbcUrl().get(), settings.user().orElse(null),
                    settings.password().orElse(null), "socon-messaging", 16, "the messaging database");
            return Optional.of(ownedDatabase);
        }
        return Optional.empty();
    }

    private KeyVault vault(MessagingConfig settings) {
        List<KeyVault> provided = applicationVaults.stream().toList();
        if (!provided.isEmpty()) {
            KeyVaults registry = new KeyVaults();
            provided.forEach(registry::register);
            KeyVault chosen = registry.forKey(KeyUri.of(settings.keyPrefix() + "socon/probe"));
            LOG.log(Level.INFO, "Socon Messaging keeps its keys in the application's key vault " + chosen.name());
            return chosen;
        }
        ownedVault = switch (settings.vaultType()) {
            case MEMORY -> {
                LOG.log(Level.WARNING, "Socon Messaging keeps its keys in memory (socon.vault.type=memory): every"
                        + " inbox is lost when the server stops");
                yield new InMemoryKeyVault(settings.keyPrefix(), Clock.systemUTC());
            }
            case FILE -> {
                char[] password = settings.vaultPassword().orElseThrow(() -> new IllegalStateException(
                        "the key vault needs a password: set socon.vault.file.password")).toCharArray();
                yield FileKeyVault.open(settings.vaultFile(), password, settings.keyPrefix());
            }
        };
        return ownedVault;
    }

    private NodeConnection connect(EmbeddedNodeConfig node, MessagingConfig settings) {
        URI url;
        ConnectionSettings connectionSettings = ConnectionSettings.defaults();
        if (node.mode() == EmbeddedNodeConfig.Mode.REMOTE) {
            url = URI.create(node.remoteUrl().orElseThrow());
        } else {
            int port = embeddedNode.startIfNeeded().orElseThrow(() -> new IllegalStateException(
                    "the embedded XMTP node is not running: " + embeddedNode.status().detail()));
            String host = node.settings().host();
            if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
                host = "127.0.0.1";
            }
            boolean tls = node.settings().tls();
            url = URI.create((tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + port);
            connectionSettings = connectionSettings.withTrustedClientToken(embeddedNode.trustedClientToken());
            if (tls && settings.nodeTrustedCertificates().isEmpty()) {
                connectionSettings = connectionSettings.withTrustedCertificates(node.settings().tlsCertificateChain());
            }
        }
        if (settings.nodeTrustedCertificates().isPresent()) {
            connectionSettings = connectionSettings.withTrustedCertificates(settings.nodeTrustedCertificates().get());
        }
        return NodeConnection.open(url, connectionSettings);
    }

    private List<IdentityProvider> identityProviders(MessagingConfig settings, KeyVault vault) {
        List<IdentityProvider> providers = new ArrayList<>(applicationIdentityProviders.stream().toList());
        if (providers.isEmpty() || settings.keepDefaultIdentityProviders()) {
            if (settings.externalWallets()) {
                providers.add(new ExternalWalletIdentityProvider(ExternalWalletIdentityProvider.addressAsUserId(),
                        settings.challengeTtl(), Clock.systemUTC(), ExternalWalletIdentityProvider.DEFAULT_PRIORITY));
            }
            if (settings.custodial()) {
                providers.add(new CustodialIdentityProvider(vault, settings.keyPrefix()));
            }
        }
        if (providers.isEmpty()) {
            LOG.log(Level.WARNING, "no identity provider is enabled: every openInbox fails with IDENTITY_NOT_AVAILABLE");
        }
        return providers;
    }

    private List<NotificationSink> sinks(MessagingConfig settings) {
        List<NotificationSink> sinks = new ArrayList<>(applicationSinks.stream().toList());
        if (sinks.isEmpty() || settings.keepDefaultSinks()) {
            if (settings.cdiEvents()) {
                sinks.add(new CdiEventNotificationSink(notificationEvent));
            }
            if (settings.webhookUrl().isPresent()) {
                sinks.add(WebhookNotificationSink.of(settings.webhookUrl().get(), settings.webhookSecret().orElseThrow(),
                        settings.webhookRetries(), settings.webhookTimeout(), Clock.systemUTC()));
            }
        }
        return sinks;
    }
}
