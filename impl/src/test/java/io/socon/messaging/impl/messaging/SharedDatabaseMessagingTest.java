package io.socon.messaging.impl.messaging;

import static io.socon.messaging.impl.messaging.MessagingServiceTest.all;
import static io.socon.messaging.impl.messaging.MessagingServiceTest.eventually;
import static io.socon.messaging.impl.messaging.MessagingServiceTest.find;
import static io.socon.messaging.impl.messaging.MessagingServiceTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.identity.HostUserKeys;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MessagingService} with its whole state in one PostgreSQL database, as a server with a container-managed
 * data source runs it: the node's tables, the user directory and every host user's client store share the
 * database; nothing is written to disk; a restart finds everything again.
 */
class SharedDatabaseMessagingTest {

    @TempDir
    Path dir;

    EmbeddedPostgres postgres;
    DataSource database;
    JdbcNodeStore nodeStore;
    NodeServer node;
    URI nodeUri;
    final InMemoryKeyVault vault = new InMemoryKeyVault();
    final List<MessagingService> services = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        // an unpooled data source that the test owns, like a container's
        database = postgres.getPostgresDatabase();
        nodeStore = JdbcNodeStore.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        node = NodeServer.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(0), nodeStore,
                XmtpNodeValidation.create());
        nodeUri = URI.create("http://127.0.0.1:" + node.port());
    }

    @AfterEach
    void stop() throws Exception {
        services.forEach(MessagingService::close);
        node.close();
        nodeStore.close();
        vault.close();
        postgres.close();
    }

    MessagingService service() {
        MessagingService service = MessagingService.builder()
                .node(nodeUri)
                .keyVault(vault, "memory://")
                .database(database)
                .build();
        services.add(service);
        return service;
    }

    long count(String query) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }

    @Test
    void twoUsersTalkWithEverythingInOnePostgresDatabaseAndFindItAfterARestart() throws Exception {
        MessagingService messaging = service();
        HostUser aliceUser = HostUser.of("alice@example.com");
        HostUser bobUser = HostUser.of("bob@example.com");
        Inbox alice = join(messaging.openInbox(aliceUser));
        Inbox bob = join(messaging.openInbox(bobUser));
        Dm dm = join(alice.conversations().openDm(bob.info().inboxId()));
        join(dm.sendText("hello over PostgreSQL"));
        join(bob.conversations().sync());
        Conversation atBob = find(bob, dm.id());
        eventually(() -> assertThat(all(atBob)).extracting(Message::content)
                .contains(Text.of("hello over PostgreSQL")));
        join(atBob.sendText("and back"));
        eventually(() -> assertThat(all(dm)).extracting(Message::content).contains(Text.of("and back")));

        // one store per host user, named by the user's hash, beside the directory and the node's tables
        String aliceHash = HostUserKeys.hash(aliceUser);
        String bobHash = HostUserKeys.hash(bobUser);
        assertThat(count("SELECT COUNT(*) FROM client_data_key WHERE store_id IN ('" + aliceHash + "', '" + bobHash
                + "')")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM client_data_key")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM client_groups WHERE store_id = '" + aliceHash + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM client_groups WHERE store_id = '" + bobHash + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM messaging_users")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM group_messages")).isPositive();
        assertThat(dir).isEmptyDirectory();

        messaging.close();
        MessagingService restarted = service();
        Inbox alice2 = join(restarted.openInbox(aliceUser));
        assertThat(alice2.info()).isEqualTo(alice.info());
        assertThat(all(find(alice2, dm.id()))).extracting(Message::content)
                .contains(Text.of("hello over PostgreSQL"), Text.of("and back"));
        assertThat(count("SELECT COUNT(*) FROM client_data_key")).as("no new store on reopening").isEqualTo(2);
    }

    MessagingService embedded(Path dataDirectory) {
        MessagingService service = MessagingService.builder()
                .node(nodeUri)
                .keyVault(vault, "memory://")
                .dataDirectory(dataDirectory)
                .build();
        services.add(service);
        return service;
    }

    @Test
    void aServerThatRanOnTheEmbeddedDatabaseMovesItsUsersIntoTheConfiguredOneOnce() throws Exception {
        Path data = dir.resolve("messaging");
        MessagingService before = embedded(data);
        HostUser aliceUser = HostUser.of("alice");
        Inbox alice = join(before.openInbox(aliceUser));
        Inbox bob = join(before.openInbox(HostUser.of("bob")));
        Dm dm = join(alice.conversations().openDm(bob.info().inboxId()));
        join(dm.sendText("written while on H2"));
        before.close();

        MessagingService after = MessagingService.builder().node(nodeUri).keyVault(vault, "memory://")
                .database(database).dataDirectory(data).build();
        services.add(after);
        assertThat(data.resolve("directory")).doesNotExist();
        assertThat(data.resolve("directory" + EmbeddedMessagingDatabase.MOVED_SUFFIX)).isDirectory();
        assertThat(count("SELECT COUNT(*) FROM messaging_users")).isEqualTo(2);
        Inbox alice2 = join(after.openInbox(aliceUser));
        assertThat(alice2.info()).as("the same inbox and installation").isEqualTo(alice.info());
        assertThat(all(find(alice2, dm.id()))).extracting(Message::content).contains(Text.of("written while on H2"));
        join(find(alice2, dm.id()).sendText("now on PostgreSQL"));
        assertThat(count("SELECT COUNT(*) FROM client_data_key")).as("no new store").isEqualTo(2);

        // another embedded database with users of its own is not merged into one that has users: refused, kept
        Path other = dir.resolve("other");
        MessagingService elsewhere = embedded(other);
        join(elsewhere.openInbox(HostUser.of("carol")));
        elsewhere.close();
        assertThatThrownBy(() -> MessagingService.builder().node(nodeUri).keyVault(vault, "memory://")
                .database(database).dataDirectory(other).build())
                .isInstanceOf(io.socon.messaging.impl.store.StoreException.class)
                .hasMessageContaining("both the configured messaging database and the embedded one")
                .hasMessageContaining("nothing was moved");
        assertThat(other.resolve("directory")).isDirectory();
        assertThat(count("SELECT COUNT(*) FROM messaging_users")).isEqualTo(2);
    }

    @Test
    void aServiceNeedsADatabaseOrADataDirectory() {
        assertThatThrownBy(() -> MessagingService.builder().node(nodeUri).keyVault(vault, "memory://").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database(dataSource) or dataDirectory(path)");
    }
}
