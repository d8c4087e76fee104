package io.socon.messaging.impl.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.store.GroupMessageRecord;
import io.socon.messaging.impl.store.IdentityUpdateDecision;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.store.NewGroupMessage;
import io.socon.messaging.impl.store.NewWelcome;
import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.WelcomeRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's embedded H2 database moves into PostgreSQL with every id kept, once; a target with data is refused. */
class NodeDatabaseMoveTest {

    @TempDir
    Path dir;

    EmbeddedPostgres postgres;
    DataSource target;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        target = postgres.getPostgresDatabase();
    }

    @AfterEach
    void stop() throws Exception {
        postgres.close();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordMovesWithItsIdAndNewIdsContinueAfterThem() {
        Path embedded = dir.resolve("node");
        List<GroupMessageRecord> sent;
        IdentityUpdateRecord update;
        try (JdbcNodeStore h2 = JdbcNodeStore.open(Database.h2Url(embedded), null, null)) {
            sent = h2.appendGroupMessages(List.of(
                    new NewGroupMessage(bytes("g"), bytes("commit"), bytes("h"), false, true),
                    new NewGroupMessage(bytes("g"), bytes("hello"), bytes("h"), true, false),
                    new NewGroupMessage(bytes("other"), bytes("hi"), bytes("h"), true, false)));
            h2.appendWelcomes(List.of(new NewWelcome(bytes("inst"), false, bytes("w"), bytes("hpke"), 1, bytes("m"))));
            h2.putKeyPackage(bytes("inst"), "inbox", bytes("kp"));
            update = h2.appendIdentityUpdate("inbox",
                    log -> new IdentityUpdateDecision.Append(bytes("u1"), Set.of("0xaaa"), Set.of()));
        }

        assertThat(NodeDatabaseMove.moveInto(embedded, target)).isTrue();
        assertThat(embedded.resolve("socon-node.mv.db")).doesNotExist();
        assertThat(embedded.resolve("socon-node.mv.db" + NodeDatabaseMove.MOVED_SUFFIX)).exists();
        assertThat(NodeDatabaseMove.moveInto(embedded, target)).as("moved once").isFalse();

        try (JdbcNodeStore moved = JdbcNodeStore.on(target)) {
            assertThat(moved.groupMessages(bytes("g"), PageRequest.ascendingAfter(0, 100)))
                    .extracting(GroupMessageRecord::id).containsExactly(sent.get(0).id(), sent.get(1).id());
            assertThat(moved.welcomes(bytes("inst"), PageRequest.ascendingAfter(0, 100))).extracting(WelcomeRecord::data)
                    .containsExactly(bytes("w"));
            assertThat(moved.newestKeyPackages(List.of(bytes("inst")))).singleElement()
                    .satisfies(kp -> assertThat(kp).contains(bytes("kp")));
            assertThat(moved.identityUpdates("inbox", 0)).extracting(IdentityUpdateRecord::sequenceId)
                    .containsExactly(update.sequenceId());
            assertThat(moved.inboxIdFor("0xaaa")).contains("inbox");

            GroupMessageRecord next = moved.appendGroupMessages(List.of(
                    new NewGroupMessage(bytes("g"), bytes("after the move"), bytes("h"), true, false))).getFirst();
            assertThat(next.id()).as("ids continue after the moved ones").isGreaterThan(sent.get(2).id());
            assertThat(moved.appendIdentityUpdate("inbox",
                    log -> new IdentityUpdateDecision.Append(bytes("u2"), Set.of(), Set.of())).sequenceId())
                    .isGreaterThan(update.sequenceId());
        }
    }

    @Test
    void aTargetThatHoldsNodeDataIsRefusedAndNothingChanges() {
        Path embedded = dir.resolve("node");
        try (JdbcNodeStore h2 = JdbcNodeStore.open(Database.h2Url(embedded), null, null)) {
            h2.putKeyPackage(bytes("inst"), "inbox", bytes("kp"));
        }
        try (JdbcNodeStore existing = JdbcNodeStore.on(target)) {
            existing.putKeyPackage(bytes("other"), "inbox-2", bytes("kp2"));
        }

        assertThatThrownBy(() -> NodeDatabaseMove.moveInto(embedded, target))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("both the configured node database and the embedded one")
                .hasMessageContaining("nothing was moved");
        assertThat(embedded.resolve("socon-node.mv.db")).exists();
        try (JdbcNodeStore existing = JdbcNodeStore.on(target)) {
            assertThat(existing.newestKeyPackages(List.of(bytes("inst")))).singleElement()
                    .satisfies(kp -> assertThat(kp).isEmpty());
        }
    }
}
