package io.socon.messaging.impl.store.client.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One database (H2 or PostgreSQL) holding the client stores of many installations, each under its own store id:
 * how a server keeps every host user's messaging state in one place (a container-managed data source, or a pool of
 * its own) instead of a database per user. The schema is migrated once, when the database is opened; opening a
 * store then costs one query (its data key), and an open store holds no connection while idle.
 *
 * <p>Stores are isolated: each sees only its own rows and has its own data key, wrapped by the vault key its
 * caller gives. The stores of one database run their transactions concurrently on the data source's connections;
 * each store serializes its own. Thread-safe.
 */
public final class ClientDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final HikariDataSource pool;

    private ClientDatabase(DataSource dataSource, HikariDataSource pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /**
     * The client stores in a data source the caller owns (e.g. a container-managed one), migrated here; closing
     * this leaves the data source open.
     *
     * @throws StoreException if the schema cannot be migrated
     */
    public static ClientDatabase on(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        ClientMigrations.migrate(dataSource);
        return new ClientDatabase(dataSource, null);
    }

    /**
     * The client stores in the database at {@code jdbcUrl}, through a pool of {@code maxConnections} that this owns
     * and closes.
     *
     * @param user     or {@code null}
     * @param password or {@code null}
     * @throws StoreException if the database cannot be reached or migrated
     */
    public static ClientDatabase open(String jdbcUrl, String user, String password, int maxConnections) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("a client database needs at least one connection");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        Database.useLocalDriver(config, jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("socon-clients");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        HikariDataSource hikari;
        try {
            hikari = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the client database at " + Database.redactedUrl(jdbcUrl)
                    + ": " + e.getMessage(), e);
        }
        try {
            ClientMigrations.migrate(hikari);
        } catch (RuntimeException e) {
            hikari.close();
            throw e;
        }
        return new ClientDatabase(hikari, hikari);
    }

    /**
     * Opens the store {@code storeId}, creating it (with a new data key wrapped by {@code key}) the first time.
     * Closing the store leaves this database open. Open a store id once at a time: two open stores of one id would
     * not serialize their transactions with each other.
     *
     * @param storeId 1 to 64 of {@code 0-9 a-z _ -}, e.g. a host user's hash
     * @throws IllegalArgumentException if the store id is malformed
     * @throws StoreException           if the database fails or {@code key} does not open the store's data key
     */
    public JdbcClientStore open(String storeId, DataKey key) {
        JdbcClientStore.checkStoreId(storeId);
        Objects.requireNonNull(key, "key");
        return JdbcClientStore.inMigrated(dataSource, storeId, key);
    }

    /** Whether the store {@code storeId} has been created here. */
    public boolean contains(String storeId) {
        JdbcClientStore.checkStoreId(storeId);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM client_data_key WHERE store_id = ?")) {
            select.setString(1, storeId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up the client store " + storeId + ": " + e.getMessage(), e);
        }
    }

    /** The data source the stores use. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool if this opened it; the caller closes the stores first. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "ClientDatabase[" + (pool != null ? pool.getPoolName() : "external data source") + "]";
    }
}
