package io.socon.messaging.impl.node;

import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.impl.store.jdbc.NodeDatabaseMove;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone node: {@code java -jar socon-node.jar [options]}. Starts an XMTP V3 node on
 * 127.0.0.1:5556 with its H2 database in {@code ./socon-data}, logs one line when ready, and shuts down
 * gracefully on SIGTERM or Ctrl-C.
 */
@Command(name = "socon-node", mixinStandardHelpOptions = true, versionProvider = NodeMain.Version.class,
        description = "Runs a Socon Messaging XMTP V3 node (xmtp.mls.api.v1.MlsApi and xmtp.identity.api.v1.IdentityApi over gRPC).",
        sortOptions = false)
public final class NodeMain implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", defaultValue = "5556", description = "gRPC port (default: ${DEFAULT-VALUE}, XMTP's local port; 0 picks a free one).")
    int port;

    @Option(names = "--data", defaultValue = "socon-data", description = "Directory of the embedded H2 database (default: ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--jdbc-url", description = "Use this database instead of the embedded one, e.g. jdbc:postgresql://db:5432/xmtp.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:SOCON_JDBC_USER}", description = "Database user (or env SOCON_JDBC_USER).")
    String jdbcUser;

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve TLS instead of plaintext h2c.")
    Path tlsCertificate;

    @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--verbose", description = "Log what the libraries do (connection pool, migrations, gRPC) at INFO level.")
    boolean verbose;

    @Option(names = "--max-request-bytes", defaultValue = "52428800", description = "Largest gRPC request accepted (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--max-payload-bytes", defaultValue = "26214400", description = "Largest message, welcome or key package (default: ${DEFAULT-VALUE}).")
    int maxPayloadBytes;

    @Option(names = "--reads-per-5min", defaultValue = "20000", description = "Read calls per client address per rolling 5 minutes (default: ${DEFAULT-VALUE}, as XMTP).")
    int readsPerWindow;

    @Option(names = "--writes-per-5min", defaultValue = "3000", description = "Write calls per client address per rolling 5 minutes (default: ${DEFAULT-VALUE}, as XMTP).")
    int writesPerWindow;

    /** The database password comes only from the environment, never from the command line. */
    static final String PASSWORD_ENV = "SOCON_JDBC_PASSWORD";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new NodeMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("socon-node: " + e.getMessage());
                    return 1;
                });
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new CommandLine(this).getErr();
        quietLibraries(verbose);
        NodeSettings settings;
        try {
            settings = NodeSettings.defaults().withHost(host).withPort(port)
                    .withLimits(new NodeLimits(maxRequestBytes, maxPayloadBytes, readsPerWindow, writesPerWindow,
                            java.time.Duration.ofMinutes(5)));
            if (tlsCertificate != null || tlsKey != null) {
                settings = settings.withTls(tlsCertificate, tlsKey);
            }
        } catch (IllegalArgumentException e) {
            err.println("socon-node: " + e.getMessage());
            return 2;
        }
        String url;
        String where;
        if (jdbcUrl != null) {
            url = jdbcUrl;
            where = "database " + Database.redactedUrl(jdbcUrl);
        } else {
            try {
                Files.createDirectories(data);
            } catch (IOException e) {
                err.println("socon-node: cannot create the data directory " + data.toAbsolutePath() + ": " + e.getMessage());
                return 1;
            }
            url = Database.h2Url(data);
            where = "H2 database in " + data.toAbsolutePath();
        }
        if (jdbcUrl != null && NodeDatabaseMove.found(data)) {
            // an earlier run kept its data in the embedded database: move it, or the node would start empty
            try (var target = Database.open(url, jdbcUser, System.getenv(PASSWORD_ENV))) {
                if (NodeDatabaseMove.moveInto(data, target)) {
                    err.println("socon-node: moved the embedded database in " + data.toAbsolutePath() + " into the "
                            + where + " (the old file is kept as socon-node.mv.db" + NodeDatabaseMove.MOVED_SUFFIX + ")");
                }
            } catch (StoreException e) {
                err.println("socon-node: " + e.getMessage());
                return 1;
            }
        }
        NodeStore store;
        try {
            store = JdbcNodeStore.open(url, jdbcUser, System.getenv(PASSWORD_ENV));
        } catch (StoreException e) {
            err.println("socon-node: " + e.getMessage());
            return 1;
        }
        NodeServer node;
        try {
            node = NodeServer.start(settings, store, XmtpNodeValidation.create());
        } catch (IOException e) {
            store.close();
            err.println("socon-node: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            node.close();
            store.close();
            System.out.println("socon-node stopped");
            stopped.countDown();
        }, "socon-node-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.println("socon-node ready on " + (settings.tls() ? "https" : "http") + "://" + host + ":" + node.port()
                + " (" + (settings.tls() ? "TLS" : "plaintext h2c") + "), " + where);
        System.out.flush();
        node.awaitTermination();
        stopped.await();
        return 0;
    }

    /** Keeps the console to our own lines and warnings unless asked for more. */
    private static void quietLibraries(boolean verbose) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING;
        root.setLevel(level);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NodeMain.class.getPackage().getImplementationVersion();
            return new String[] {"socon-node " + (version == null ? "(development build)" : version)};
        }
    }
}
