package io.socon.messaging.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The ITs' PostgreSQL, seen from the test JVM. It is one server for the whole failsafe run, started by
 * {@link ItPostgres} on the port the build reserved ({@value #PORT_PROPERTY}); the arquillian Liberty server reaches
 * the same database as the container-managed dataSource {@value #JNDI_NAME}. A test checks what a deployed
 * application wrote with {@link #connection()}:
 *
 * <pre>{@code
 * try (Connection db = ItDatabase.connection();
 *         ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM some_table")) { ... }
 * }</pre>
 *
 * <p>Every deployment and test class shares that database: use table (or schema) names of your own, e.g. from
 * {@link #uniqueName(String)}, and never assume it starts empty.
 */
public final class ItDatabase {

    /** The system property (set by failsafe) with the port of the ITs' PostgreSQL. */
    public static final String PORT_PROPERTY = "socon.it.postgres.port";
    /** The JNDI name of the dataSource on that PostgreSQL in the arquillian server ({@code server.xml}). */
    public static final String JNDI_NAME = "jdbc/socon";
    /** The database the dataSource uses. */
    public static final String DATABASE = "postgres";
    /** Its user: the superuser, with trust authentication (no password). */
    public static final String USER = "postgres";

    private ItDatabase() {
    }

    /** The port of the ITs' PostgreSQL; fails when the tests do not run through Maven (failsafe). */
    public static int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank()) {
            throw new IllegalStateException("no " + PORT_PROPERTY + ": run the ITs through Maven (failsafe), which "
                    + "reserves the port and starts PostgreSQL on it");
        }
        return Integer.parseInt(port.trim());
    }

    /** The JDBC URL of the database behind {@value #JNDI_NAME}, with its user. */
    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE + "?user=" + USER;
    }

    /** A new connection (auto-commit) to the database behind {@value #JNDI_NAME}; the caller closes it. */
    public static Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** {@code prefix} and a random suffix, a valid unquoted SQL identifier when {@code prefix} is one. */
    public static String uniqueName(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .toLowerCase(Locale.ROOT);
    }
}
