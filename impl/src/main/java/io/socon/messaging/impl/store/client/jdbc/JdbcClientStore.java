package io.socon.messaging.impl.store.client.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@link ClientStore} on JDBC, for H2 (the embedded default) and PostgreSQL; schema in {@code db/client}, whose
 * tables are prefixed {@code client_} and whose Flyway history is {@code socon_client_schema_history}, so it can
 * share a database with the node's schema.
 *
 * <p>One database can hold many stores: every row carries the id of the store it belongs to, and every statement
 * of a store names its id, so a store never sees another's rows. {@link #openH2}, {@link #open} and {@link #on}
 * give the only store of a database ({@link #DEFAULT_STORE}); {@link ClientDatabase} gives the stores of a database
 * shared by many installations (one per host user). Each store has its own data key.
 *
 * <p>Each transaction runs on one connection with autocommit off, commits when the work returns and rolls back
 * when it throws. Transactions of one store are serialized by a lock, so concurrent engine threads never
 * interleave; they do not nest (calling {@link #transaction} inside one fails).
 *
 * <p>Secret fields are sealed with AES-256-GCM under a data key that is kept in the database wrapped by the
 * host's key vault (see {@link DataKey}); the ids, cursors and timestamps are stored in clear. Listings:
 * groups by {@code lastActivityNs} descending (then group id); {@code dmWith} picks the most recently active
 * matching DM (then the newest by {@code createdAtNs}); key packages newest first by {@code createdAtNs}.
 */
public final class JdbcClientStore implements ClientStore {

    /** The store id of a database that holds one store (what {@link #openH2}, {@link #open} and {@link #on} use). */
    public static final String DEFAULT_STORE = "default";

    private static final Pattern STORE_ID = Pattern.compile("[0-9a-z_-]{1,64}");

    private final DataSource dataSource;
    private final AutoCloseable pool;
    private final String storeId;
    private final FieldCipher cipher;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private JdbcClientStore(DataSource dataSource, AutoCloseable pool, String storeId, FieldCipher cipher) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.storeId = storeId;
        this.cipher = cipher;
    }

    /**
     * Opens (creating it if needed) the embedded H2 database in {@code directory}. {@code WRITE_DELAY=0} makes
     * every commit reach the file before it is acknowledged.
     *
     * @throws StoreException if the database cannot be opened or migrated, or the data key cannot be unlocked
     */
    public static JdbcClientStore openH2(Path directory, DataKey key) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the client store's directory " + directory + ": " + e, e);
        }
        return open(h2Url(directory), null, null, key);
    }

    /**
     * Opens the database at {@code jdbcUrl} (H2 or PostgreSQL) with a small connection pool, migrates it and
     * unlocks its data key; closing the store closes the pool.
     *
     * @param user     or {@code null}
     * @param password or {@code null}
     * @throws StoreException if the database cannot be reached or migrated, or the data key cannot be unlocked
     */
    public static JdbcClientStore open(String jdbcUrl, String user, String password, DataKey key) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(key, "key");
        // transactions are serialized: one connection at work, one spare
        HikariDataSource hikari = Database.pool(jdbcUrl, user, password, "socon-client", 2, "the client database");
        try {
            return start(hikari, hikari, key);
        } catch (RuntimeException | Error e) {
            hikari.close();
            throw e;
        }
    }

    /**
     * A store on a data source the caller owns (e.g. a container-managed one): migrates the schema and unlocks
     * the data key; closing the store leaves the data source open.
     *
     * @throws StoreException if the database cannot be migrated or the data key cannot be unlocked
     */
    public static JdbcClientStore on(DataSource dataSource, DataKey key) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(key, "key");
        return start(dataSource, null, key);
    }

    private static JdbcClientStore start(DataSource dataSource, AutoCloseable pool, DataKey key) {
        ClientMigrations.migrate(dataSource);
        return new JdbcClientStore(dataSource, pool, DEFAULT_STORE, unlock(dataSource, DEFAULT_STORE, key));
    }

    /** The store {@code storeId} of a database already migrated (by {@link ClientDatabase}), which stays open. */
    static JdbcClientStore inMigrated(DataSource dataSource, String storeId, DataKey key) {
        return new JdbcClientStore(dataSource, null, checkStoreId(storeId), unlock(dataSource, storeId, key));
    }

    /**
     * @throws IllegalArgumentException unless {@code storeId} is 1 to 64 of {@code 0-9 a-z _ -}
     */
    static String checkStoreId(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        if (!STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("a client store id is 1 to 64 lowercase letters, digits, '_' or '-'");
        }
        return storeId;
    }

    /** The store's id in its database. */
    public String storeId() {
        return storeId;
    }

    /** The JDBC URL of the embedded H2 database that {@link #openH2} opens in {@code directory}. */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("socon-client") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Unwraps the stored data key, or makes, wraps and stores one for a new database. */
    private static FieldCipher unlock(DataSource dataSource, String storeId, DataKey key) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                FieldCipher cipher = unlock(connection, storeId, key);
                connection.commit();
                return cipher;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the client store's data key: " + e.getMessage(), e);
        }
    }

    private static FieldCipher unlock(Connection connection, String storeId, DataKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT vault_key_uri, wrapped_key FROM client_data_key WHERE store_id = ?")) {
            select.setString(1, storeId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return newDataKey(connection, storeId, key);
                }
                String wrappedBy = row.getString(1);
                byte[] dataKey;
                try {
                    dataKey = key.unwrap(row.getBytes(2));
                } catch (KeyVaultException e) {
                    String which = wrappedBy.equals(key.vaultKey().value()) ? "" : " (it was wrapped by " + wrappedBy + ")";
                    throw new StoreException("cannot unlock the local data: the vault key " + key.vaultKey()
                            + " does not open the data key stored in the database" + which + ": " + e.getMessage(), e);
                }
                try {
                    if (dataKey.length != FieldCipher.KEY_BYTES) {
                        throw new StoreException("cannot unlock the local data: the stored data key is "
                                + dataKey.length + " bytes, not " + FieldCipher.KEY_BYTES, null);
                    }
                    return new FieldCipher(dataKey);
                } finally {
                    Arrays.fill(dataKey, (byte) 0);
                }
            }
        }
    }

    private static FieldCipher newDataKey(Connection connection, String storeId, DataKey key) throws SQLException {
        byte[] dataKey = FieldCipher.newDataKey();
        try {
            byte[] wrapped;
            try {
                wrapped = key.wrap(dataKey);
            } catch (KeyVaultException e) {
                throw new StoreException("cannot create the local data key: the vault key " + key.vaultKey()
                        + " cannot wrap it: " + e.getMessage(), e);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO client_data_key (store_id, vault_key_uri, wrapped_key, created_ns) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, storeId);
                insert.setString(2, key.vaultKey().value());
                insert.setBytes(3, wrapped);
                insert.setLong(4, JdbcClientTransaction.nowNs());
                insert.executeUpdate();
            }
            return new FieldCipher(dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed, or if called inside a transaction of this store
     */
    @Override
    public <T> T transaction(Function<ClientTransaction, T> work) {
        Objects.requireNonNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("client store transactions do not nest: use the ClientTransaction"
                    + " of the running one");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the client store is closed");
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                JdbcClientTransaction transaction = new JdbcClientTransaction(connection, storeId, cipher);
                T result;
                try {
                    result = work.apply(transaction);
                } catch (Throwable e) { // precise rethrow: unchecked, or checked thrown sneakily
                    transaction.end();
                    rollback(connection, e);
                    throw e;
                }
                transaction.end();
                try {
                    connection.commit();
                } catch (SQLException e) {
                    StoreException failure = new StoreException("cannot commit the client store transaction: "
                            + e.getMessage(), e);
                    rollback(connection, failure);
                    throw failure;
                }
                return result;
            } catch (SQLException e) {
                throw new StoreException("cannot get a connection to the client database: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(new StoreException("the rollback failed too: " + e.getMessage(), e));
        }
    }

    /** Waits for a running transaction, wipes the data key from memory and closes the pool (if the store owns it). */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cipher.close();
            if (pool != null) {
                pool.close();
            }
        } catch (Exception e) {
            throw new StoreException("cannot close the client database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "JdbcClientStore[" + storeId + ", " + (closed ? "closed" : "open") + "]";
    }
}
