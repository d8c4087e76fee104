package io.socon.messaging.impl.jakarta;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.impl.store.jdbc.NodeDatabaseMove;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * The XMTP node that runs inside the application: started when the application starts (unless
 * {@code socon.node.mode=remote}), stopped gracefully when it stops. If it cannot start (a busy port, an
 * unreachable database) the application still deploys, the cause is logged once, and {@link #status()}
 * says why, so readiness checks can report it.
 */
@ApplicationScoped
public class EmbeddedNode {

    private static final Logger LOG = System.getLogger(EmbeddedNode.class.getName());

    /** What the node is doing, for health checks and the UI. */
    public record Status(boolean running, String detail) {
    }

    @Inject
    Config config;

    private volatile NodeStore store;
    private volatile NodeServer server;
    /** A secret of this application run: our own connection sends it so the node does not rate-limit it. */
    private final String trustedClientToken = newToken();
    private volatile Status status = new Status(false, "not started");

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        start();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        EmbeddedNodeConfig settings;
        try {
            settings = EmbeddedNodeConfig.from(config);
        } catch (IllegalArgumentException e) {
            fail("the node settings are invalid: " + e.getMessage(), e);
            return;
        }
        if (settings.mode() == EmbeddedNodeConfig.Mode.REMOTE) {
            status = new Status(false, "remote node " + settings.remoteUrl().orElse("?") + " is used; none runs here");
            return;
        }
        try {
            DatabaseSettings database = settings.database();
            if (database.jndiName().isPresent()) {
                DataSource dataSource = database.lookup();
                NodeDatabaseMove.moveInto(settings.dataDir(), dataSource);
                store = JdbcNodeStore.on(dataSource);
            } else if (database.jdbcUrl().isPresent()) {
                String url = database.jdbcUrl().get();
                String user = database.user().orElse(null);
                String password = database.password().orElse(null);
                if (NodeDatabaseMove.found(settings.dataDir())) {
                    try (HikariDataSource target = Database.open(url, user, password)) {
                        NodeDatabaseMove.moveInto(settings.dataDir(), target);
                    }
                }
                store = JdbcNodeStore.open(url, user, password);
            } else {
                Files.createDirectories(settings.dataDir());
                store = JdbcNodeStore.open(Database.h2Url(settings.dataDir()), null, null);
            }
            server = NodeServer.start(settings.settings(), store, XmtpNodeValidation.create(), trustedClientToken);
            String where = database.embedded() ? "H2 in " + settings.dataDir().toAbsolutePath() : database.describe();
            status = new Status(true, "listening on " + settings.settings().host() + ":" + server.port() + ", " + where);
            LOG.log(Level.INFO, "Socon XMTP node " + status.detail());
        } catch (Exception e) {
            closeQuietly();
            fail("the embedded XMTP node did not start: " + e.getMessage(), e);
        }
    }

    private void fail(String message, Exception cause) {
        status = new Status(false, message);
        LOG.log(Level.ERROR, message, cause);
    }

    @PreDestroy
    synchronized void stop() {
        closeQuietly();
        status = new Status(false, "stopped");
    }

    private void closeQuietly() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    public Status status() {
        return status;
    }

    /**
     * The token that exempts this application's own connection to the embedded node from its per-address rate
     * limits (all host users' traffic comes through that one connection). Never sent anywhere else.
     */
    public String trustedClientToken() {
        return trustedClientToken;
    }

    private static String newToken() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    /**
     * Starts the node now unless it runs already or runs elsewhere (for a bean that needs it before the application's
     * startup event); returns the port it listens on, or empty if it is remote or failed (see {@link #status()}).
     */
    public Optional<Integer> startIfNeeded() {
        start();
        return port();
    }

    /** The port the node listens on, while it runs. */
    public Optional<Integer> port() {
        NodeServer running = server;
        return running == null ? Optional.empty() : Optional.of(running.port());
    }
}
