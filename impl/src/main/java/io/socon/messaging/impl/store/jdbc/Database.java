package io.socon.messaging.impl.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.store.StoreException;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Opens the node's database: a connection pool on a JDBC URL (H2 or PostgreSQL), migrated to the
 * current schema with Flyway before first use.
 */
public final class Database {

    private Database() {
    }

    /**
     * The embedded default: an H2 database in {@code directory}. {@code WRITE_DELAY=0} makes every commit
     * reach the file before it is acknowledged, so a killed process loses nothing it confirmed.
     */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("socon-node")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Names the JDBC driver of {@code jdbcUrl} that this library's class loader sees (the H2 or PostgreSQL driver
     * next to it), so the pool instantiates it directly instead of asking {@link java.sql.DriverManager}. In a
     * server, {@code DriverManager} loads the drivers of the first application that uses it only: the drivers of an
     * application deployed after it (or redeployed) are not registered, and the first connection fails with
     * "Failed to get driver instance". Leaves the config alone if no driver here accepts the URL.
     */
    public static void useLocalDriver(HikariConfig config, String jdbcUrl) {
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, Database.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!drivers.hasNext()) {
                    return;
                }
                Driver driver = drivers.next();
                if (driver.acceptsURL(jdbcUrl)) {
                    config.setDriverClassName(driver.getClass().getName());
                    return;
                }
            } catch (ServiceConfigurationError | SQLException e) {
                // a driver that cannot load or cannot judge the URL: try the next
            }
        }
    }

    /**
     * A connection pool on {@code jdbcUrl} (autocommit on, the driver next to this library, see
     * {@link #useLocalDriver}); nothing is migrated. Close it when done.
     *
     * @param user     or {@code null}
     * @param password or {@code null}
     * @param poolName names the pool's threads and log lines
     * @param what     what the database is, for the error message
     * @throws StoreException if the database cannot be reached
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, String poolName,
                                        int maxConnections, String what) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        useLocalDriver(config, jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName(poolName);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(maxConnections, 2));
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + what + " at " + redactedUrl(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }

    /** A pooled, migrated data source; close it (it is a {@link HikariDataSource}) when done. */
    public static HikariDataSource open(String jdbcUrl, String user, String password) {
        HikariDataSource dataSource = pool(jdbcUrl, user, password, "socon-node", 16, "the node's database");
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** Brings the node's tables to the current schema version. */
    public static void migrate(DataSource dataSource) {
        new NodeMigrations().migrate(dataSource, "socon_node_schema_history", "the node's database schema");
    }

    /** The URL without any password parameter, for messages and logs. */
    public static String redactedUrl(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
