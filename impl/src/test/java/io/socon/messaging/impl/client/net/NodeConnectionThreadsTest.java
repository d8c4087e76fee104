package io.socon.messaging.impl.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.util.internal.InternalThreadLocalMap;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.PortInUseException;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node and the connection own their threads and end them in {@code close()}: in an application server a thread
 * that outlives the application (gRPC's shared event loops, its default executor, Netty's global executor) fails
 * there once the application's class loader is closed, and keeps that class loader alive.
 */
class NodeConnectionThreadsTest {

    /** The JVM's own threads, which may start during the test: carriers of virtual threads, cleaners, ... */
    private static final List<String> JVM_THREADS = List.of("ForkJoinPool-", "Common-Cleaner", "process reaper",
            "Attach Listener", "InnocuousThread-", "JFR ", "VirtualThread-unblocker", "Read-Poller", "Write-Poller");

    @TempDir
    Path dir;

    @Test
    void closeReturnsOnlyOnceEveryThreadOfTheNodeAndTheConnectionHasEnded() throws Exception {
        try (JdbcNodeStore store = JdbcNodeStore.open(Database.h2Url(dir), null, null)) {
            Set<Thread> before = platformThreads();
            NodeServer node = NodeServer.start(NodeSettings.defaults().withPort(0), store, XmtpNodeValidation.create());
            int port = node.port();
            NodeConnection connection = NodeConnection.open(URI.create("http://127.0.0.1:" + port));
            assertThat(connection.getInboxIds(List.of("0x" + "1".repeat(40)))).isEmpty();
            // a stream: its messages arrive on the channel's callback executor
            connection.streamWelcomeMessages(new byte[32], 0, welcome -> { });
            List<String> running = names(newThreads(before));

            connection.close();
            node.close();

            // no waiting here for the event loops, gRPC's executors or Netty's global executor: close() did
            assertThat(names(newThreads(before))).as("threads left after close()").isEmpty();
            assertThat(running).as("threads while running")
                    .anyMatch(name -> name.startsWith("socon-node-connection-127.0.0.1:" + port + "-"))
                    .anyMatch(name -> name.startsWith("socon-node-0-boss-"))
                    .anyMatch(name -> name.startsWith("socon-node-0-worker-"))
                    .noneMatch(name -> name.startsWith("grpc-"));
        }
    }

    @Test
    void aNodeThatCannotBindEndsTheThreadsItStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             JdbcNodeStore store = JdbcNodeStore.open(Database.h2Url(dir), null, null)) {
            Set<Thread> before = platformThreads();
            assertThatThrownBy(() -> NodeServer.start(NodeSettings.defaults().withPort(taken.getLocalPort()), store,
                    XmtpNodeValidation.create())).isInstanceOf(PortInUseException.class);
            assertThat(names(newThreads(before))).as("threads left after the failed start").isEmpty();
        }
    }

    @Test
    void aPoolThreadThatCalledTheNodeKeepsNoNettyThreadLocals() throws Exception {
        try (JdbcNodeStore store = JdbcNodeStore.open(Database.h2Url(dir), null, null);
             NodeServer node = NodeServer.start(NodeSettings.defaults().withPort(0), store, XmtpNodeValidation.create());
             NodeConnection connection = NodeConnection.open(URI.create("http://127.0.0.1:" + node.port()))) {
            // a plain platform thread, as an application server's request threads are
            CompletableFuture<Boolean> leftOver = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("request-thread").start(() -> {
                try {
                    connection.getInboxIds(List.of("0x" + "2".repeat(40)));
                    connection.getIdentityUpdates(List.of(new InboxCursor("a".repeat(64), 0)));
                    // a stream's calls start (and are cancelled) on the thread that opens, extends and closes it
                    WelcomeStream stream = connection.streamWelcomeMessages(new byte[32], 0, welcome -> { });
                    byte[] another = new byte[32];
                    another[0] = 1;
                    stream.addInstallation(another, 0);
                    stream.close();
                    leftOver.complete(InternalThreadLocalMap.getIfSet() != null);
                } catch (Throwable t) {
                    leftOver.completeExceptionally(t);
                }
            });
            caller.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(leftOver.get(1, TimeUnit.SECONDS)).as("Netty thread-locals left on the caller's thread").isFalse();
        }
    }

    private static Set<Thread> platformThreads() {
        return Thread.getAllStackTraces().keySet();
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        return platformThreads().stream().filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> JVM_THREADS.stream().noneMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
    }

    private static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
