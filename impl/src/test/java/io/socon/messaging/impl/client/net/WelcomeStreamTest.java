package io.socon.messaging.impl.client.net;

import static io.socon.messaging.impl.client.net.GroupMessageStreamTest.SETTINGS;
import static io.socon.messaging.impl.client.net.GroupMessageStreamTest.WAIT;
import static io.socon.messaging.impl.client.net.TestMessages.await;
import static io.socon.messaging.impl.client.net.TestMessages.installation;
import static io.socon.messaging.impl.client.net.TestMessages.welcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WelcomeStream against a real node: history after the cursor, live welcomes, a node restart. */
class WelcomeStreamTest {

    @TempDir
    Path dir;

    static List<Long> ids(List<WelcomeMessage> welcomes) {
        return welcomes.stream().map(w -> w.getV1().getId()).toList();
    }

    @Test
    void deliversHistoryThenLiveWelcomesAcrossANodeRestart() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] me = installation(1);
            byte[] someoneElse = installation(2);
            for (int i = 0; i < 5; i++) {
                connection.sendWelcomeMessages(List.of(welcome(me, "old " + i), welcome(someoneElse, "not mine " + i)));
            }
            long cursor = ids(connection.queryWelcomeMessages(me, 0)).get(1);
            List<WelcomeMessage> received = new CopyOnWriteArrayList<>();
            GroupMessageStreamTest.Events events = new GroupMessageStreamTest.Events();

            try (WelcomeStream stream = connection.streamWelcomeMessages(me, cursor, received::add, events)) {
                await("history", WAIT, () -> received.size() == 3);
                connection.sendWelcomeMessages(List.of(welcome(me, "live")));
                await("live", WAIT, () -> received.size() == 4);

                node.restart();
                connection.sendWelcomeMessages(List.of(welcome(me, "after the restart 1"), welcome(me, "after the restart 2")));

                await("after the restart", WAIT, () -> received.size() == 6);
                NodeConnectionTest.sleep(200);
                assertThat(ids(received)).isEqualTo(ids(connection.queryWelcomeMessages(me, cursor)));
                assertThat(received).extracting(w -> w.getV1().getData().toStringUtf8())
                        .containsExactly("old 2", "old 3", "old 4", "live", "after the restart 1", "after the restart 2");
                assertThat(stream.reconnects()).isGreaterThanOrEqualTo(1);
                assertThat(events.reconnecting).isNotEmpty();
                assertThat(stream.cursor()).isEqualTo(received.get(5).getV1().getId());
            }
        }
    }

    @Test
    void oneStreamServesSeveralInstallationsAndTakesMoreWhileRunning() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), SETTINGS)) {
            byte[] first = installation(1);
            byte[] second = installation(2);
            byte[] third = installation(3);
            connection.sendWelcomeMessages(List.of(welcome(first, "first old"), welcome(second, "second old"),
                    welcome(third, "third old")));
            List<WelcomeMessage> received = new CopyOnWriteArrayList<>();
            java.util.Map<io.socon.messaging.impl.mls.codec.Bytes, Long> cursors = new java.util.LinkedHashMap<>();
            cursors.put(io.socon.messaging.impl.mls.codec.Bytes.copyOf(first), 0L);
            cursors.put(io.socon.messaging.impl.mls.codec.Bytes.copyOf(second), 0L);
            try (WelcomeStream stream = connection.streamWelcomeMessages(cursors, received::add, StreamListener.NONE)) {
                await("both histories", WAIT, () -> received.size() == 2);
                long thirdCursor = ids(connection.queryWelcomeMessages(third, 0)).get(0);
                stream.addInstallation(third, thirdCursor);
                connection.sendWelcomeMessages(List.of(welcome(third, "third live"), welcome(first, "first live")));
                await("live for all three", WAIT, () -> received.size() == 4);
                NodeConnectionTest.sleep(200);
                assertThat(received).extracting(w -> w.getV1().getData().toStringUtf8())
                        .containsExactlyInAnyOrder("first old", "second old", "third live", "first live");
                assertThat(stream.cursor(third)).hasValue(received.stream()
                        .filter(w -> w.getV1().getData().toStringUtf8().equals("third live")).findFirst()
                        .orElseThrow().getV1().getId());
            }
            assertThatThrownBy(() -> connection.streamWelcomeMessages(java.util.Map.of(), w -> { },
                    StreamListener.NONE)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void needsAnInstallationKey() {
        try (NodeConnection connection = NodeConnection.open(java.net.URI.create("http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> connection.streamWelcomeMessages(new byte[0], 0, w -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("installationKey");
        }
    }
}
