package io.socon.messaging.impl.client.net;

import static io.socon.messaging.impl.client.net.NodeConnectionTest.sendEach;
import static io.socon.messaging.impl.client.net.TestMessages.application;
import static io.socon.messaging.impl.client.net.TestMessages.await;
import static io.socon.messaging.impl.client.net.TestMessages.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GroupMessageStream against a real node: history then live, adding groups under load, node restarts, flow control. */
class GroupMessageStreamTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** Retries and reconnects quick enough for tests, patient enough for a node restart. */
    static final ConnectionSettings SETTINGS = NodeConnectionTest.PATIENT
            .withReconnect(new Backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(800), 0.5));

    @TempDir
    Path dir;

    /** What a stream's consumer saw, per group, in delivery order. */
    static final class Received {
        final List<GroupMessage.V1> all = new CopyOnWriteArrayList<>();
        final Map<String, List<Long>> byGroup = new ConcurrentHashMap<>();
        final AtomicReference<String> thread = new AtomicReference<>();

        void accept(GroupMessage.V1 message) {
            thread.set(Thread.currentThread().getName());
            all.add(message);
            byGroup.computeIfAbsent(hex(message.getGroupId()), g -> new CopyOnWriteArrayList<>()).add(message.getId());
        }

        List<Long> of(byte[] groupId) {
            return byGroup.getOrDefault(HexFormat.of().formatHex(groupId), List.of());
        }

        static String hex(ByteString bytes) {
            return HexFormat.of().formatHex(bytes.toByteArray());
        }
    }

    /** Records the stream's connection events. */
    static final class Events implements StreamListener {
        final AtomicInteger connected = new AtomicInteger();
        final List<NodeException> reconnecting = new CopyOnWriteArrayList<>();
        final List<NodeException> failed = new CopyOnWriteArrayList<>();

        @Override
        public void onConnected() {
            connected.incrementAndGet();
        }

        @Override
        public void onReconnecting(NodeException cause, int attempt, Duration delay) {
            reconnecting.add(cause);
        }

        @Override
        public void onFailed(NodeException cause) {
            failed.add(cause);
        }
    }

    static List<Long> storedIds(NodeConnection connection, byte[] groupId, long after) {
        return connection.queryGroupMessages(groupId, after).stream().map(GroupMessage.V1::getId).toList();
    }

    @Test
    void deliversTheHistoryAfterTheCursorThenLiveMessages() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] g = group(1);
            sendEach(connection, g, "old", 150);
            long cursor = storedIds(connection, g, 0).get(19);
            Received received = new Received();
            Events events = new Events();

            try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(g, cursor)),
                    received::accept, events)) {
                await("history", WAIT, () -> received.all.size() == 130);
                sendEach(connection, g, "new", 120);

                List<Long> expected = storedIds(connection, g, cursor);
                assertThat(expected).hasSize(250);
                await("live", WAIT, () -> received.all.size() >= 250);
                NodeConnectionTest.sleep(200);
                assertThat(received.of(g)).isEqualTo(expected);
                assertThat(stream.cursor(g)).hasValue(expected.get(249));
                assertThat(stream.state()).isEqualTo(StreamState.CONNECTED);
                assertThat(events.connected.get()).isEqualTo(1);
                assertThat(stream.reconnects()).isZero();
                assertThat(received.thread.get()).as("the consumer runs on the stream's thread").contains("group-messages-stream");
            }
        }
    }

    @Test
    void addingGroupsWhileAnotherClientSendsHeavilyLosesAndDoublesNothing() throws Exception {
        try (TestNode node = TestNode.start(dir);
                NodeConnection sender = NodeConnection.open(node.uri(), SETTINGS);
                NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            int groups = 8;
            int total = 400;
            Received received = new Received();
            AtomicInteger sent = new AtomicInteger();
            sendEach(sender, group(0), "before", 10);

            try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(group(0), 0)),
                    received::accept)) {
                Thread writer = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < total; i++) {
                        sender.sendGroupMessages(List.of(application(group(i % groups), "m" + i)));
                        sent.incrementAndGet();
                    }
                });
                // groups arrive while messages fly: one at a time, two back to back, and a batch
                await("sending", WAIT, () -> sent.get() >= 40);
                stream.addGroup(group(1), 0);
                await("sending", WAIT, () -> sent.get() >= 100);
                stream.addGroup(group(2), 0);
                stream.addGroup(group(3), 0);
                await("sending", WAIT, () -> sent.get() >= 180);
                stream.addGroups(List.of(new GroupCursor(group(4), 0), new GroupCursor(group(5), 0)));
                await("sending", WAIT, () -> sent.get() >= 260);
                stream.addGroup(group(6), 0);
                stream.addGroup(group(0), 0); // already streamed: no effect
                writer.join();
                stream.addGroup(group(7), 0); // after the fact: its history comes from the cursor

                Map<Integer, List<Long>> expected = new java.util.HashMap<>();
                int expectedTotal = 0;
                for (int g = 0; g < groups; g++) {
                    expected.put(g, storedIds(sender, group(g), 0));
                    expectedTotal += expected.get(g).size();
                }
                assertThat(expectedTotal).isEqualTo(total + 10);
                int wanted = expectedTotal;
                await("all delivered", WAIT, () -> received.all.size() >= wanted);
                NodeConnectionTest.sleep(300);
                for (int g = 0; g < groups; g++) {
                    assertThat(received.of(group(g))).as("group " + g).isEqualTo(expected.get(g));
                }
                assertThat(received.all).hasSize(expectedTotal);
                assertThat(stream.engine().subscriptions()).isGreaterThanOrEqualTo(2);
                await("old subscriptions cancelled", WAIT, () -> stream.engine().openSubscriptions() == 1);
                await("the node sees one subscription", WAIT, () -> node.activeStreams() == 1);
                System.out.printf("addGroup under load: %d subscriptions, %d duplicates dropped%n",
                        stream.engine().subscriptions(), stream.engine().duplicatesDropped());
            }
        }
    }

    @Test
    void aNodeRestartMidStreamIsBridgedWithEveryMessageDeliveredOnce() throws Exception {
        try (TestNode node = TestNode.start(dir);
                NodeConnection sender = NodeConnection.open(node.uri(), SETTINGS);
                NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] a = group(1);
            byte[] b = group(2);
            int total = 240;
            Received received = new Received();
            Events events = new Events();
            AtomicInteger sent = new AtomicInteger();

            try (GroupMessageStream stream = connection.streamGroupMessages(
                    List.of(new GroupCursor(a, 0), new GroupCursor(b, 0)), received::accept, events)) {
                await("connected", WAIT, () -> stream.state() == StreamState.CONNECTED);
                Thread writer = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < total; i++) {
                        sender.sendGroupMessages(List.of(application(i % 2 == 0 ? a : b, "m" + i)));
                        sent.incrementAndGet();
                        NodeConnectionTest.sleep(5);
                    }
                });
                // down for a while: the stream fails to reconnect a few times
                await("sending", WAIT, () -> sent.get() >= 60);
                node.stop();
                NodeConnectionTest.sleep(700);
                node.start();
                await("reconnected", WAIT, () -> stream.state() == StreamState.CONNECTED);
                // a quick restart while messages keep coming
                await("sending", WAIT, () -> sent.get() >= 150);
                assertThat(sent.get()).as("the restart comes before the sending ends").isLessThan(total);
                node.restart();
                writer.join();

                List<Long> expectedA = storedIds(sender, a, 0);
                List<Long> expectedB = storedIds(sender, b, 0);
                assertThat(expectedA.size() + expectedB.size()).isEqualTo(total);
                await("all delivered", WAIT, () -> received.all.size() >= total);
                NodeConnectionTest.sleep(300);
                assertThat(received.of(a)).isEqualTo(expectedA);
                assertThat(received.of(b)).isEqualTo(expectedB);
                assertThat(received.all).hasSize(total);
                assertThat(stream.reconnects()).isGreaterThanOrEqualTo(2);
                assertThat(events.reconnecting).allSatisfy(e -> assertThat(e.retryable()).isTrue())
                        .filteredOn(e -> e.nodeMessage().contains("shutting down")).as("ended by each stop").hasSize(2);
                assertThat(events.failed).isEmpty();
                await("connected again", WAIT, () -> stream.state() == StreamState.CONNECTED);
                assertThat(events.connected.get()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void aStreamOpenedBeforeTheNodeStartsConnectsWhenItDoes() {
        try (TestNode node = TestNode.stopped(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            Received received = new Received();
            Events events = new Events();
            try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(group(1), 0)),
                    received::accept, events)) {
                await("failing to connect", WAIT, () -> events.reconnecting.size() >= 2);
                assertThat(stream.state()).isIn(StreamState.RECONNECTING, StreamState.CONNECTING);
                node.start();
                await("connected", WAIT, () -> stream.state() == StreamState.CONNECTED);
                sendEach(connection, group(1), "m", 5);
                await("delivered", WAIT, () -> received.all.size() == 5);
            }
        }
    }

    @Test
    void aSlowConsumerHoldsTheNodeBackWithoutBlockingGrpc() throws Exception {
        int capacity = 8;
        try (TestNode node = TestNode.start(dir);
                NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS.withStreamQueueCapacity(capacity))) {
            byte[] g = group(1);
            CountDownLatch release = new CountDownLatch(1);
            Received received = new Received();
            try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(g, 0)), m -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.accept(m);
            })) {
                sendEach(connection, g, "m", 300);
                NodeConnectionTest.sleep(1000);

                assertThat(received.all).isEmpty();
                assertThat(stream.engine().maxQueued()).as("queued while the consumer is stuck")
                        .isLessThanOrEqualTo(capacity + 1);
                // gRPC's threads are free: calls on the same connection still work
                assertThat(connection.getNewestGroupMessage(List.of(g)).get(0)).isPresent();

                release.countDown();
                await("all delivered", WAIT, () -> received.all.size() == 300);
                assertThat(received.of(g)).isEqualTo(storedIds(connection, g, 0));
                assertThat(stream.engine().maxQueued()).isLessThanOrEqualTo(capacity + 1);
            }
        }
    }

    @Test
    void closeCancelsTheSubscriptionAndDeliversNothingMore() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] g = group(1);
            Received received = new Received();
            GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(g, 0)), received::accept);
            sendEach(connection, g, "m", 3);
            await("delivered", WAIT, () -> received.all.size() == 3);
            await("subscribed", WAIT, () -> node.activeStreams() == 1);

            stream.close();

            assertThat(stream.state()).isEqualTo(StreamState.CLOSED);
            sendEach(connection, g, "after", 3);
            NodeConnectionTest.sleep(300);
            assertThat(received.all).hasSize(3);
            await("the node ended the subscription", WAIT, () -> node.activeStreams() == 0);
            assertThatThrownBy(() -> stream.addGroup(group(2), 0)).isInstanceOf(IllegalStateException.class);
            stream.close(); // twice is fine
        }
    }

    @Test
    void closingTheConnectionClosesItsStreams() {
        try (TestNode node = TestNode.start(dir)) {
            NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS);
            GroupMessageStream stream = connection.streamGroupMessages(List.of(), m -> { });
            stream.addGroup(group(1), 0); // starting with no groups is fine, as libxmtp subscribes with none
            await("subscribed", WAIT, () -> stream.state() == StreamState.CONNECTED);

            connection.close();

            assertThat(stream.state()).isEqualTo(StreamState.CLOSED);
            await("the node ended the subscription", WAIT, () -> node.activeStreams() == 0);
        }
    }

    @Test
    void aConsumerThatThrowsDoesNotStopTheStream() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] g = group(1);
            List<Long> seen = new ArrayList<>();
            try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(g, 0)), m -> {
                synchronized (seen) {
                    seen.add(m.getId());
                }
                if (seen.size() == 1) {
                    throw new IllegalStateException("consumer bug");
                }
            })) {
                sendEach(connection, g, "m", 4);
                await("all offered", WAIT, () -> {
                    synchronized (seen) {
                        return seen.size() == 4;
                    }
                });
                assertThat(stream.state()).isEqualTo(StreamState.CONNECTED);
            }
        }
    }
}
