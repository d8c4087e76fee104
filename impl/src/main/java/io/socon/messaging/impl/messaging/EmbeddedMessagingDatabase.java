package io.socon.messaging.impl.messaging;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.client.jdbc.ClientDatabase;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.TableCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The embedded H2 messaging database ({@code <data directory>/directory/socon-messaging.mv.db}), used when no other
 * database is configured. When a server that ran with it is given a database of its own
 * ({@code socon.messaging.datasource} or {@code jdbc-url}), {@link #moveInto} copies the user directory and every
 * client store into that database at start, in one transaction, and renames the folder to {@code directory.moved},
 * so the users keep their inboxes and conversations and nothing is moved twice.
 */
final class EmbeddedMessagingDatabase {

    private static final System.Logger LOG = System.getLogger(EmbeddedMessagingDatabase.class.getName());
    static final String FILE = "socon-messaging";
    static final String MOVED_SUFFIX = ".moved";

    private EmbeddedMessagingDatabase() {
    }

    /** The JDBC URL of the embedded database in {@code folder}; {@code WRITE_DELAY=0}: commits reach the file. */
    static String url(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(FILE) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Moves the embedded database in {@code folder}, if there is one, into {@code target} (whose directory schema is
     * migrated here then; the client schema must be migrated already).
     *
     * @return whether users were moved
     * @throws StoreException if both databases hold users (nothing is changed then: move them by hand, or remove the
     *                        folder), or a database fails (nothing is copied)
     */
    static boolean moveInto(Path folder, DataSource target) {
        if (!Files.exists(folder.resolve(FILE + ".mv.db"))) {
            return false;
        }
        DirectoryMigrations.migrate(target);
        boolean moved;
        try (HikariDataSource source = Database.pool(url(folder), null, null, "socon-messaging-move", 2,
                "the embedded messaging database")) {
            DirectoryMigrations.migrate(source);
            ClientDatabase.on(source).close();
            moved = copy(folder, source, target);
        }
        Path renamed = folder.resolveSibling(folder.getFileName() + MOVED_SUFFIX);
        if (Files.exists(renamed)) {
            renamed = folder.resolveSibling(folder.getFileName() + MOVED_SUFFIX + "-" + LocalDate.now() + "-"
                    + System.nanoTime());
        }
        try {
            Files.move(folder, renamed);
        } catch (IOException e) {
            throw new StoreException("the embedded messaging database in " + folder + " was moved into the configured"
                    + " database, but its folder cannot be renamed to " + renamed + ": rename or remove it by hand"
                    + " before the next start: " + e, e);
        }
        if (moved) {
            LOG.log(System.Logger.Level.INFO, "Socon Messaging: the old embedded database is kept in " + renamed
                    + "; delete it once all is well");
        }
        return moved;
    }

    private static boolean copy(Path folder, DataSource source, DataSource target) {
        List<String> tables = new ArrayList<>(UserDirectory.TABLES);
        tables.addAll(ClientDatabase.TABLES);
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            if (!TableCopy.hasRows(from, "messaging_users") && !TableCopy.hasRows(from, "client_data_key")) {
                return false;
            }
            return TableCopy.inTransaction(to, () -> {
                if (TableCopy.hasRows(to, "messaging_users") || TableCopy.hasRows(to, "client_data_key")) {
                    throw new StoreException("both the configured messaging database and the embedded one in " + folder
                            + " hold users; nothing was moved. Keep one: remove the folder " + folder + " to use the"
                            + " configured database as it is, or unset socon.messaging.datasource/jdbc-url", null);
                }
                LOG.log(System.Logger.Level.INFO, "Socon Messaging: moving the embedded messaging database in "
                        + folder + " into the configured database");
                int rows = 0;
                for (String table : tables) {
                    rows += TableCopy.copy(from, to, table, null, null, Map.of());
                }
                LOG.log(System.Logger.Level.INFO, "Socon Messaging: moved " + rows + " rows into the configured database");
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot move the embedded messaging database in " + folder
                    + " into the configured database: " + e.getMessage(), e);
        }
    }
}
