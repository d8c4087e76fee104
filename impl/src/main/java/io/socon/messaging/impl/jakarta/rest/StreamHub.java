package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.HostUser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * The open stream connections of the application: opens each one's inbox, pings them all every
 * {@value #PING_SECONDS} seconds, closes them when the application stops. Anything that may block (a ping or a
 * close on a congested connection) runs on virtual threads of its own, never on the container's threads or on
 * the threads that deliver messages.
 */
@ApplicationScoped
public class StreamHub {

    /** Seconds between the server's WebSocket pings. */
    static final int PING_SECONDS = 30;

    /** MicroProfile Config key: browser origins besides the page's own that may open the stream ({@code *}: any). */
    public static final String ALLOWED_ORIGINS = "socon.stream.allowed-origins";

    @Inject
    CallerInboxes inboxes;

    @Inject
    HostUserResolver resolver;

    @Inject
    Instance<Config> config;

    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService pinger;
    private ExecutorService background;
    private List<String> allowedOrigins = List.of();

    @PostConstruct
    void start() {
        background = Executors.newVirtualThreadPerTaskExecutor();
        pinger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "socon-stream-ping");
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::pingAll, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
        if (config != null && config.isResolvable()) {
            allowedOrigins = config.get().getOptionalValues(ALLOWED_ORIGINS, String.class).orElse(List.of());
        }
    }

    @PreDestroy
    void stop() {
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the server is stopping");
        for (StreamConnection c : connections) {
            c.closeNow(reason);
        }
        pinger.shutdownNow();
        background.shutdown();
        try {
            background.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts serving a new connection. */
    StreamConnection open(Session session, StreamConfigurator.Handshake handshake) {
        StreamConnection connection = new StreamConnection(session, this);
        if (handshake == null) {
            connection.closeNow(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "the handshake was not authenticated"));
            return connection;
        }
        if (handshake.refusal().isPresent()) {
            connection.closeNow(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, handshake.refusal().get()));
            return connection;
        }
        if (handshake.user().isEmpty()) {
            connection.fail(ErrorCode.IDENTITY_NOT_AVAILABLE, "this connection has no signed-in user; sign in first",
                    CloseReason.CloseCodes.VIOLATED_POLICY);
            return connection;
        }
        HostUser user = handshake.user().get();
        connections.add(connection);
        connection.start(() -> inboxes.messaging().openInbox(user));
        return connection;
    }

    void remove(StreamConnection connection) {
        connections.remove(connection);
    }

    /** Runs a task that may block, off the container's and the streams' threads. */
    void background(Runnable task) {
        try {
            background.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the connections are being closed anyway
        }
    }

    /** Schedules a task (for example a forced close) after a delay. */
    void later(Runnable task, long delay, TimeUnit unit) {
        try {
            pinger.schedule(() -> background(task), delay, unit);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    HostUserResolver resolver() {
        return resolver;
    }

    List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** How many connections are open (for tests and monitoring). */
    public int openConnections() {
        return connections.size();
    }

    private void pingAll() {
        for (StreamConnection c : connections) {
            background(c::ping);
        }
    }
}
