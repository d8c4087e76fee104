package io.socon.messaging.impl.client.net;

import io.socon.messaging.impl.node.NodeLimits;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Our relay node for the client's tests: the real gRPC server on a loopback port over an H2 database in a folder,
 * with XMTP's validation. It can be created stopped (a port reserved for it), stopped and started again on the same
 * port and data, as a node process that restarts.
 */
final class TestNode implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path tlsChain;
    private final Path tlsKey;
    private JdbcNodeStore store;
    private NodeServer server;

    private TestNode(Path dataDir, int port, Path tlsChain, Path tlsKey) {
        this.dataDir = dataDir;
        this.port = port;
        this.tlsChain = tlsChain;
        this.tlsKey = tlsKey;
    }

    /** A running node on a free port. */
    static TestNode start(Path dataDir) {
        TestNode node = new TestNode(dataDir, freePort(), null, null);
        node.start();
        return node;
    }

    /** A running TLS node on a free port. */
    static TestNode startTls(Path dataDir, Path certificateChain, Path privateKey) {
        TestNode node = new TestNode(dataDir, freePort(), certificateChain, privateKey);
        node.start();
        return node;
    }

    /** A node that is not running yet; its port is reserved, {@link #start()} starts it. */
    static TestNode stopped(Path dataDir) {
        return new TestNode(dataDir, freePort(), null, null);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        store = JdbcNodeStore.open(Database.h2Url(dataDir), null, null);
        NodeSettings settings = new NodeSettings("127.0.0.1", port, null, null, NodeLimits.DEFAULTS, Duration.ofSeconds(2));
        if (tlsChain != null) {
            settings = settings.withTls(tlsChain, tlsKey);
        }
        try {
            server = NodeServer.start(settings, store, XmtpNodeValidation.create());
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.close();
        store.close();
        server = null;
    }

    void restart() {
        stop();
        start();
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create((tlsChain == null ? "http" : "https") + "://" + (tlsChain == null ? "127.0.0.1" : "localhost")
                + ":" + port);
    }

    synchronized int activeStreams() {
        return server == null ? 0 : server.activeStreams();
    }

    @Override
    public void close() {
        stop();
    }
}
