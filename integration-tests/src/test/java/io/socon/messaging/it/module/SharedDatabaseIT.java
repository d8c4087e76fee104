package io.socon.messaging.it.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socon.messaging.api.Messaging;
import io.socon.messaging.impl.identity.HostUserKeys;
import io.socon.messaging.impl.jakarta.EmbeddedNode;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module keeps all its state in the server's data source: {@code socon.node.datasource} and
 * {@code socon.messaging.datasource} name Liberty's {@code jdbc/socon} (PostgreSQL, see server.xml and
 * {@code ItPostgres}), and two host users exchange a DM. The embedded node's messages, the user directory and both
 * users' client stores are then rows of that database, and no embedded database was created in the data
 * directories. The assertions run inside Liberty.
 */
@ExtendWith(ArquillianExtension.class)
class SharedDatabaseIT {

    @Deployment
    static WebArchive deployment() {
        return SoconArchives.war("shared-database", Map.of(
                        "socon.node.datasource", "jdbc/socon",
                        "socon.messaging.datasource", "jdbc/socon"))
                .addClasses(DmExchange.class, DmExchange.Result.class);
    }

    @Inject
    Messaging messaging;

    @Inject
    EmbeddedNode node;

    @Inject
    Config config;

    @Resource(lookup = "jdbc/socon")
    DataSource database;

    @Test
    void theNodeTheDirectoryAndEveryUsersStoreLiveInTheServersDataSource() throws Exception {
        assertTrue(node.status().running(), node.status().detail());
        assertTrue(node.status().detail().contains("data source jdbc/socon"), node.status().detail());

        DmExchange.Result result = DmExchange.run(messaging, "Hello Bob, from PostgreSQL", "Hi Alice");
        assertEquals(List.of("Hello Bob, from PostgreSQL", "Hi Alice"), result.aliceRead());

        String alice = HostUserKeys.hash(result.alice());
        String bob = HostUserKeys.hash(result.bob());
        for (String user : List.of(alice, bob)) {
            assertEquals(1, count("SELECT COUNT(*) FROM client_data_key WHERE store_id = ?", user), "store of " + user);
            assertEquals(1, count("SELECT COUNT(*) FROM client_identity WHERE store_id = ?", user));
            assertEquals(1, count("SELECT COUNT(*) FROM messaging_users WHERE user_hash = ?", user));
            assertEquals(2, count("SELECT COUNT(*) FROM client_messages WHERE store_id = ? AND kind = 'APPLICATION'",
                    user), "both texts in the store of " + user);
        }
        String inbox = result.aliceInbox().info().inboxId().value();
        assertTrue(count("SELECT COUNT(*) FROM identity_updates WHERE inbox_id = ?", inbox) >= 1,
                "the node's identity updates are in the data source");
        assertTrue(count("SELECT COUNT(*) FROM group_messages WHERE group_id = ?", hexToBytes(result.dm().value())) >= 2,
                "the node's group messages are in the data source");

        for (String key : List.of("socon.node.data-dir", "socon.messaging.data-dir")) {
            Path dir = Path.of(config.getValue(key, String.class));
            assertEquals(List.of(), h2Files(dir), "no embedded database under " + key);
        }
    }

    private long count(String query, Object key) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getLong(1);
            }
        }
    }

    private static List<Path> h2Files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".mv.db")).toList();
        }
    }

    private static byte[] hexToBytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
