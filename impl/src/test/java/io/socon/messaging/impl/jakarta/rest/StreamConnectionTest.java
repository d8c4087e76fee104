package io.socon.messaging.impl.jakarta.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.impl.jakarta.rest.json.StreamEventJson;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sending side of a stream connection, against a WebSocket session whose writes the test completes. */
class StreamConnectionTest {

    /** A WebSocket session (the container's side) that records writes and completes them when told. */
    static final class Peer {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<SendHandler> pending = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlightMax = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        final boolean completeAtOnce;
        final Session session;

        Peer(boolean completeAtOnce) {
            this.completeAtOnce = completeAtOnce;
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            inFlightMax.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            written.add((String) args[0]);
                            SendHandler handler = (SendHandler) args[1];
                            if (this.completeAtOnce) {
                                inFlight.decrementAndGet();
                                handler.onResult(new SendResult());
                            } else {
                                pending.add(handler);
                            }
                            return null;
                        }
                        return null;
                    });
            Map<String, Object> properties = new HashMap<>();
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> remote;
                        case "isOpen" -> !closed.isDone();
                        case "getUserProperties" -> properties;
                        case "close" -> {
                            closed.complete(args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                    : (CloseReason) args[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }

        /** Completes the oldest write. */
        void completeOne() {
            SendHandler handler = pending.remove(0);
            inFlight.decrementAndGet();
            handler.onResult(new SendResult());
        }
    }

    private StreamHub hub;

    @BeforeEach
    void startHub() {
        hub = new StreamHub();
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop();
    }

    @Test
    void framesAreWrittenOneAtATimeInOrder() {
        Peer peer = new Peer(false);
        StreamConnection connection = new StreamConnection(peer.session, hub);

        connection.send(StreamEventJson.error("A", "1"));
        connection.send(StreamEventJson.error("B", "2"));
        connection.send(StreamEventJson.error("C", "3"));
        assertThat(peer.written).hasSize(1);
        peer.completeOne();
        peer.completeOne();
        peer.completeOne();

        assertThat(peer.written).containsExactly(
                "{\"event\":\"error\",\"code\":\"A\",\"detail\":\"1\"}",
                "{\"event\":\"error\",\"code\":\"B\",\"detail\":\"2\"}",
                "{\"event\":\"error\",\"code\":\"C\",\"detail\":\"3\"}");
        assertThat(peer.inFlightMax).hasValue(1);
    }

    @Test
    void writesThatCompleteAtOnceDoNotRecurseWithoutBound() {
        // a container may complete a write on the calling thread; the next one then continues elsewhere
        Peer peer = new Peer(true);
        StreamConnection connection = new StreamConnection(peer.session, hub);

        for (int i = 0; i < 900; i++) {
            connection.send(StreamEventJson.pong());
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (peer.written.size() < 900 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(peer.written).hasSize(900);
        assertThat(peer.closed).isNotDone();
    }

    @Test
    void aClientMoreThan1000FramesBehindIsClosedWith1008() throws Exception {
        Peer peer = new Peer(false);
        StreamConnection connection = new StreamConnection(peer.session, hub);

        for (int i = 0; i < StreamConnection.MAX_QUEUED + 2; i++) {
            connection.send(StreamEventJson.pong());
        }

        CloseReason reason = peer.closed.get(5, TimeUnit.SECONDS);
        assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
        assertThat(reason.getReasonPhrase()).startsWith("too slow");
    }

    @Test
    void aFailureIsReportedThenTheConnectionCloses() throws Exception {
        Peer peer = new Peer(true);
        StreamConnection connection = new StreamConnection(peer.session, hub);

        connection.fail(ErrorCode.NODE_UNAVAILABLE, "the XMTP node cannot be reached; try again later",
                CloseReason.CloseCodes.TRY_AGAIN_LATER);
        connection.send(StreamEventJson.pong());

        CloseReason reason = peer.closed.get(5, TimeUnit.SECONDS);
        assertThat(peer.written).containsExactly("{\"event\":\"error\",\"code\":\"NODE_UNAVAILABLE\","
                + "\"detail\":\"the XMTP node cannot be reached; try again later\"}");
        assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
    }

    @Test
    void anUnexpectedFailureShowsNoInternals() throws Exception {
        Peer peer = new Peer(true);
        StreamConnection connection = new StreamConnection(peer.session, hub);

        connection.fail(new IllegalStateException("jdbc:h2:/secret/path is locked"));

        CloseReason reason = peer.closed.get(5, TimeUnit.SECONDS);
        assertThat(peer.written).singleElement().asString()
                .contains("\"code\":\"INTERNAL\"").doesNotContain("jdbc", "secret");
        assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.UNEXPECTED_CONDITION);
    }
}
