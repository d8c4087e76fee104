package io.socon.messaging.impl.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Moves the node's embedded H2 database (from runs without a configured database) into the database it is now
 * configured with, so that nothing the node stored is lost: every record keeps its id (clients keep cursors by
 * them), and the target's id sequences continue after the highest. One transaction; the H2 file is then renamed to
 * {@code socon-node.mv.db.moved} so it is moved once. A target that already holds node data is refused, changing
 * nothing.
 */
public final class NodeDatabaseMove {

    private static final System.Logger LOG = System.getLogger(NodeDatabaseMove.class.getName());

    /** The node's tables, and the identity column of those that have one. */
    private static final List<String> TABLES = List.of("group_messages", "welcome_messages", "installations",
            "key_package_history", "inboxes", "identity_updates", "address_log", "commit_log");
    private static final Map<String, String> IDENTITIES = Map.of("group_messages", "id", "welcome_messages", "id",
            "key_package_history", "id", "identity_updates", "sequence_id", "commit_log", "id");

    /** What the H2 database file is renamed to once moved. */
    public static final String MOVED_SUFFIX = ".moved";

    private NodeDatabaseMove() {
    }

    /** Whether {@code directory} holds an embedded node database not moved yet. */
    public static boolean found(Path directory) {
        return Files.exists(directory.resolve("socon-node.mv.db"));
    }

    /**
     * Moves the embedded database in {@code directory} ({@link Database#h2Url}), if there is one with data, into
     * {@code target}, whose schema is migrated here.
     *
     * @return whether records were moved
     * @throws StoreException if the target already holds node data (nothing is changed then), or a database fails
     *                        (nothing is copied)
     */
    public static boolean moveInto(Path directory, DataSource target) {
        if (!found(directory)) {
            return false;
        }
        Path file = directory.resolve("socon-node.mv.db");
        Database.migrate(target);
        boolean moved;
        try (HikariDataSource source = Database.open(Database.h2Url(directory), null, null)) {
            moved = copy(directory, source, target);
        }
        Path renamed = file.resolveSibling(file.getFileName() + MOVED_SUFFIX);
        try {
            Files.move(file, renamed);
        } catch (IOException e) {
            throw new StoreException("the node's embedded database " + file + " was moved into the configured database,"
                    + " but it cannot be renamed to " + renamed + ": rename or remove it by hand before the next start: "
                    + e, e);
        }
        if (moved) {
            LOG.log(System.Logger.Level.INFO, "Socon node: the old embedded database is kept as " + renamed
                    + "; delete it once all is well");
        }
        return moved;
    }

    private static boolean copy(Path directory, DataSource source, DataSource target) {
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            if (!anyRows(from)) {
                return false;
            }
            return TableCopy.inTransaction(to, () -> {
                if (anyRows(to)) {
                    throw new StoreException("both the configured node database and the embedded one in " + directory
                            + " hold data; nothing was moved. Keep one: remove " + directory.resolve("socon-node.mv.db")
                            + " to use the configured database as it is, or unset socon.node.datasource/jdbc-url", null);
                }
                LOG.log(System.Logger.Level.INFO, "Socon node: moving the embedded database in " + directory
                        + " into the configured database");
                int rows = 0;
                for (String table : TABLES) {
                    rows += TableCopy.copy(from, to, table, null, null, Map.of());
                }
                boolean postgres = to.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                        .contains("postgres");
                for (Map.Entry<String, String> identity : IDENTITIES.entrySet()) {
                    continueIdentity(to, identity.getKey(), identity.getValue(), postgres);
                }
                LOG.log(System.Logger.Level.INFO, "Socon node: moved " + rows + " records into the configured database");
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot move the node's embedded database in " + directory
                    + " into the configured database: " + e.getMessage(), e);
        }
    }

    private static boolean anyRows(Connection connection) throws SQLException {
        for (String table : TABLES) {
            if (TableCopy.hasRows(connection, table)) {
                return true;
            }
        }
        return false;
    }

    /** Makes the next generated value of {@code table.column} follow the highest copied one. */
    private static void continueIdentity(Connection connection, String table, String column, boolean postgres)
            throws SQLException {
        long next;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table);
                ResultSet row = select.executeQuery()) {
            row.next();
            next = row.getLong(1);
        }
        try (Statement statement = connection.createStatement()) {
            if (postgres) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), " + next
                        + ", false)");
            } else {
                statement.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        }
    }
}
