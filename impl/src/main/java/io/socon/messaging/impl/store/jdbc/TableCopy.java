package io.socon.messaging.impl.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Copies the rows of one table between two databases of the same schema (H2 or PostgreSQL, either way), column by
 * column as the source names them, in batches; for moving data into another database. The caller owns both
 * connections and the target's transaction.
 */
public final class TableCopy {

    private static final int BATCH = 500;

    private TableCopy() {
    }

    /**
     * Copies the rows of {@code table} for which {@code column = value} (every row if {@code column} is null),
     * replacing the values of the columns named in {@code replacements} (lowercase names).
     *
     * @return how many rows were copied
     */
    public static int copy(Connection from, Connection to, String table, String column, Object value,
                           Map<String, Object> replacements) throws SQLException {
        Objects.requireNonNull(replacements, "replacements");
        String query = "SELECT * FROM " + table + (column == null ? "" : " WHERE " + column + " = ?");
        try (PreparedStatement select = from.prepareStatement(query)) {
            if (column != null) {
                select.setObject(1, value);
            }
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                String[] names = new String[columns + 1];
                StringJoiner list = new StringJoiner(", ");
                StringJoiner marks = new StringJoiner(", ");
                for (int i = 1; i <= columns; i++) {
                    names[i] = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    list.add(names[i]);
                    marks.add("?");
                }
                int copied = 0;
                try (PreparedStatement insert = to.prepareStatement(
                        "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object cell = replacements.containsKey(names[i]) ? replacements.get(names[i])
                                    : rows.getObject(i);
                            if (cell == null) {
                                insert.setNull(i, meta.getColumnType(i));
                            } else {
                                insert.setObject(i, cell);
                            }
                        }
                        insert.addBatch();
                        if (++copied % BATCH == 0) {
                            insert.executeBatch();
                        }
                    }
                    if (copied % BATCH != 0) {
                        insert.executeBatch();
                    }
                }
                return copied;
            }
        }
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code to}: commits when it returns, rolls back when it throws (the
     * exception is rethrown), and leaves the connection in autocommit either way.
     */
    public static <T> T inTransaction(Connection to, Work<T> work) throws SQLException {
        to.setAutoCommit(false);
        try {
            T result = work.run();
            to.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(true);
        }
    }

    /** Whether {@code table} has any row. */
    public static boolean hasRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1");
                ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }
}
