package io.socon.messaging.impl.store.jdbc;

import io.socon.messaging.impl.store.CommitLogRecord;
import io.socon.messaging.impl.store.GroupMessageRecord;
import io.socon.messaging.impl.store.IdentityUpdateDecision;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.store.NewCommitLogEntry;
import io.socon.messaging.impl.store.NewGroupMessage;
import io.socon.messaging.impl.store.NewWelcome;
import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.store.StoreEvents;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.WelcomeRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * {@link NodeStore} on JDBC, for H2 and PostgreSQL (schema in {@code db/node}).
 *
 * <p>Writers to one topic (a group, an installation's welcomes, an inbox) are serialised: inside this
 * process by striped locks, across processes sharing a PostgreSQL database by transaction-scoped
 * advisory locks. Ids within a topic therefore grow in commit order, which is what lets a subscriber
 * resume from the highest id it has seen without missing a late commit.
 */
public final class JdbcNodeStore implements NodeStore {

    private static final int STRIPES = 256;

    private final DataSource dataSource;
    private final AutoCloseable closeable;
    private final Clock clock;
    private final boolean postgres;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private volatile StoreEvents events = StoreEvents.NONE;

    /**
     * @param dataSource a migrated data source (see {@link Database})
     * @param closeable closed with this store (the pool), or {@code null}
     * @param clock the source of {@code created_ns} timestamps
     */
    public JdbcNodeStore(DataSource dataSource, AutoCloseable closeable, Clock clock) {
        this.dataSource = dataSource;
        this.closeable = closeable;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            this.postgres = meta.getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new StoreException("cannot reach the node database: " + e.getMessage(), e);
        }
    }

    @Override
    public void setEvents(StoreEvents events) {
        this.events = events == null ? StoreEvents.NONE : events;
    }

    /**
     * A store on a data source the caller owns (e.g. a container-managed JNDI data source): migrates the
     * schema first; closing the store leaves the data source open.
     */
    public static JdbcNodeStore on(DataSource dataSource) {
        Database.migrate(dataSource);
        return new JdbcNodeStore(dataSource, null, Clock.systemUTC());
    }

    /** Opens (and migrates) the database at {@code jdbcUrl}; closing the store closes the pool. */
    public static JdbcNodeStore open(String jdbcUrl, String user, String password) {
        var pool = Database.open(jdbcUrl, user, password);
        return new JdbcNodeStore(pool, pool, Clock.systemUTC());
    }

    // ---------------------------------------------------------------- group messages

    @Override
    public List<GroupMessageRecord> appendGroupMessages(List<NewGroupMessage> messages) {
        List<String> topics = messages.stream().map(m -> "g" + hex(m.groupId())).toList();
        List<GroupMessageRecord> inserted = new ArrayList<>();
        return writeLocked(topics, () -> events.groupMessagesCommitted(inserted), connection -> {
            inserted.clear();
            List<GroupMessageRecord> stored = new ArrayList<>(messages.size());
            Map<String, GroupMessageRecord> inBatch = new HashMap<>();
            for (NewGroupMessage message : messages) {
                byte[] hash = sha256(message.groupId(), message.data());
                String key = hex(hash);
                GroupMessageRecord existing = inBatch.get(key);
                if (existing == null) {
                    existing = findGroupMessageByHash(connection, hash).orElse(null);
                }
                if (existing == null) {
                    existing = insertGroupMessage(connection, message, hash);
                    inserted.add(existing);
                }
                inBatch.put(key, existing);
                stored.add(existing);
            }
            return stored;
        });
    }

    private Optional<GroupMessageRecord> findGroupMessageByHash(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + GROUP_COLUMNS + " FROM group_messages WHERE content_hash = ?")) {
            select.setBytes(1, hash);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(groupMessage(rows)) : Optional.empty();
            }
        }
    }

    private GroupMessageRecord insertGroupMessage(Connection connection, NewGroupMessage message, byte[] hash)
            throws SQLException {
        long createdNs = nowNs();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO group_messages (created_ns, group_id, data, sender_hmac, should_push, is_commit, content_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            insert.setLong(1, createdNs);
            insert.setBytes(2, message.groupId());
            insert.setBytes(3, message.data());
            insert.setBytes(4, message.senderHmac());
            insert.setBoolean(5, message.shouldPush());
            insert.setBoolean(6, message.isCommit());
            insert.setBytes(7, hash);
            insert.executeUpdate();
            long id = generatedId(insert);
            return new GroupMessageRecord(id, createdNs, message.groupId(), message.data(), message.senderHmac(),
                    message.shouldPush(), message.isCommit());
        }
    }

    private static final String GROUP_COLUMNS = "id, created_ns, group_id, data, sender_hmac, should_push, is_commit";

    private static GroupMessageRecord groupMessage(ResultSet row) throws SQLException {
        return new GroupMessageRecord(row.getLong(1), row.getLong(2), row.getBytes(3), row.getBytes(4), row.getBytes(5),
                row.getBoolean(6), row.getBoolean(7));
    }

    @Override
    public List<GroupMessageRecord> groupMessages(byte[] groupId, PageRequest page) {
        return read(connection -> page(connection, "SELECT " + GROUP_COLUMNS + " FROM group_messages WHERE group_id = ?",
                groupId, page, JdbcNodeStore::groupMessage));
    }

    @Override
    public Optional<GroupMessageRecord> newestGroupMessage(byte[] groupId) {
        List<GroupMessageRecord> newest = groupMessages(groupId, new PageRequest(false, 0, 1));
        return newest.stream().findFirst();
    }

    // ---------------------------------------------------------------- welcomes

    private static final String WELCOME_COLUMNS =
            "id, created_ns, installation_key, message_type, data, hpke_public_key, wrapper_algorithm, welcome_metadata";

    private static WelcomeRecord welcome(ResultSet row) throws SQLException {
        return new WelcomeRecord(row.getLong(1), row.getLong(2), row.getBytes(3), row.getShort(4) == 1, row.getBytes(5),
                row.getBytes(6), row.getInt(7), row.getBytes(8));
    }

    @Override
    public List<WelcomeRecord> appendWelcomes(List<NewWelcome> welcomes) {
        List<String> topics = welcomes.stream().map(w -> "w" + hex(w.installationKey())).toList();
        List<WelcomeRecord> inserted = new ArrayList<>();
        return writeLocked(topics, () -> events.welcomesCommitted(inserted), connection -> {
            inserted.clear();
            List<WelcomeRecord> stored = new ArrayList<>(welcomes.size());
            Map<String, WelcomeRecord> inBatch = new HashMap<>();
            for (NewWelcome welcome : welcomes) {
                byte[] hash = sha256(welcome.installationKey(), welcome.data());
                String key = hex(hash);
                WelcomeRecord existing = inBatch.get(key);
                if (existing == null) {
                    existing = findWelcomeByHash(connection, hash).orElse(null);
                }
                if (existing == null) {
                    existing = insertWelcome(connection, welcome, hash);
                    inserted.add(existing);
                }
                inBatch.put(key, existing);
                stored.add(existing);
            }
            return stored;
        });
    }

    private Optional<WelcomeRecord> findWelcomeByHash(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + WELCOME_COLUMNS + " FROM welcome_messages WHERE content_hash = ?")) {
            select.setBytes(1, hash);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(welcome(rows)) : Optional.empty();
            }
        }
    }

    private WelcomeRecord insertWelcome(Connection connection, NewWelcome welcome, byte[] hash) throws SQLException {
        long createdNs = nowNs();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO welcome_messages (created_ns, installation_key, message_type, data, hpke_public_key,"
                        + " wrapper_algorithm, welcome_metadata, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            insert.setLong(1, createdNs);
            insert.setBytes(2, welcome.installationKey());
            insert.setShort(3, (short) (welcome.pointer() ? 1 : 0));
            insert.setBytes(4, welcome.data());
            insert.setBytes(5, welcome.hpkePublicKey());
            insert.setInt(6, welcome.wrapperAlgorithm());
            insert.setBytes(7, welcome.welcomeMetadata());
            insert.setBytes(8, hash);
            insert.executeUpdate();
            return new WelcomeRecord(generatedId(insert), createdNs, welcome.installationKey(), welcome.pointer(),
                    welcome.data(), welcome.hpkePublicKey(), welcome.wrapperAlgorithm(), welcome.welcomeMetadata());
        }
    }

    @Override
    public List<WelcomeRecord> welcomes(byte[] installationKey, PageRequest page) {
        return read(connection -> page(connection,
                "SELECT " + WELCOME_COLUMNS + " FROM welcome_messages WHERE installation_key = ?",
                installationKey, page, JdbcNodeStore::welcome));
    }

    // ---------------------------------------------------------------- key packages

    @Override
    public void putKeyPackage(byte[] installationKey, String inboxId, byte[] keyPackage) {
        writeLocked(List.of("k" + hex(installationKey)), NO_EVENT, connection -> {
            long now = nowNs();
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE installations SET key_package = ?, inbox_id = ?, updated_ns = ? WHERE installation_key = ?")) {
                update.setBytes(1, keyPackage);
                update.setString(2, inboxId);
                update.setLong(3, now);
                update.setBytes(4, installationKey);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO installations (installation_key, inbox_id, key_package, created_ns, updated_ns)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
                    insert.setBytes(1, installationKey);
                    insert.setString(2, inboxId);
                    insert.setBytes(3, keyPackage);
                    insert.setLong(4, now);
                    insert.setLong(5, now);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement history = connection.prepareStatement(
                    "INSERT INTO key_package_history (installation_key, key_package, created_ns) VALUES (?, ?, ?)")) {
                history.setBytes(1, installationKey);
                history.setBytes(2, keyPackage);
                history.setLong(3, now);
                history.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Optional<byte[]>> newestKeyPackages(List<byte[]> installationKeys) {
        return read(connection -> {
            List<Optional<byte[]>> found = new ArrayList<>(installationKeys.size());
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT key_package FROM installations WHERE installation_key = ?")) {
                for (byte[] key : installationKeys) {
                    select.setBytes(1, key);
                    try (ResultSet rows = select.executeQuery()) {
                        found.add(rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty());
                    }
                }
            }
            return found;
        });
    }

    // ---------------------------------------------------------------- identity

    @Override
    public IdentityUpdateRecord appendIdentityUpdate(String inboxId, IdentityUpdateDecision decision) {
        return writeLocked(List.of("i" + inboxId), NO_EVENT, connection -> {
            List<IdentityUpdateRecord> log = identityUpdates(connection, inboxId, 0);
            IdentityUpdateDecision.Append append = decision.decide(log);
            long now = nowNs();
            long sequenceId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO identity_updates (inbox_id, server_timestamp_ns, identity_update) VALUES (?, ?, ?)",
                    new String[] {"sequence_id"})) {
                insert.setString(1, inboxId);
                insert.setLong(2, now);
                insert.setBytes(3, append.identityUpdate());
                insert.executeUpdate();
                sequenceId = generatedId(insert);
            }
            upsertInbox(connection, inboxId, log.size() + 1);
            for (String identifier : new TreeSet<>(append.addedIdentifiers())) {
                associate(connection, identifier, inboxId, sequenceId);
            }
            for (String identifier : new TreeSet<>(append.removedIdentifiers())) {
                try (PreparedStatement revoke = connection.prepareStatement(
                        "UPDATE address_log SET revocation_sequence_id = ? WHERE address = ? AND inbox_id = ?")) {
                    revoke.setLong(1, sequenceId);
                    revoke.setString(2, identifier);
                    revoke.setString(3, inboxId);
                    revoke.executeUpdate();
                }
            }
            return new IdentityUpdateRecord(sequenceId, inboxId, now, append.identityUpdate());
        });
    }

    private static void upsertInbox(Connection connection, String inboxId, int count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE inboxes SET update_count = ? WHERE inbox_id = ?")) {
            update.setInt(1, count);
            update.setString(2, inboxId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO inboxes (inbox_id, update_count) VALUES (?, ?)")) {
            insert.setString(1, inboxId);
            insert.setInt(2, count);
            insert.executeUpdate();
        }
    }

    private static void associate(Connection connection, String identifier, String inboxId, long sequenceId)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE address_log SET association_sequence_id = ?, revocation_sequence_id = NULL"
                        + " WHERE address = ? AND inbox_id = ?")) {
            update.setLong(1, sequenceId);
            update.setString(2, identifier);
            update.setString(3, inboxId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO address_log (address, inbox_id, association_sequence_id) VALUES (?, ?, ?)")) {
            insert.setString(1, identifier);
            insert.setString(2, inboxId);
            insert.setLong(3, sequenceId);
            insert.executeUpdate();
        }
    }

    @Override
    public List<IdentityUpdateRecord> identityUpdates(String inboxId, long afterSequenceId) {
        return read(connection -> identityUpdates(connection, inboxId, afterSequenceId));
    }

    private static List<IdentityUpdateRecord> identityUpdates(Connection connection, String inboxId, long after)
            throws SQLException {
        List<IdentityUpdateRecord> updates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sequence_id, server_timestamp_ns, identity_update FROM identity_updates"
                        + " WHERE inbox_id = ? AND sequence_id > ? ORDER BY sequence_id")) {
            select.setString(1, inboxId);
            select.setLong(2, after);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    updates.add(new IdentityUpdateRecord(rows.getLong(1), inboxId, rows.getLong(2), rows.getBytes(3)));
                }
            }
        }
        return updates;
    }

    @Override
    public Optional<String> inboxIdFor(String identifier) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT inbox_id FROM address_log WHERE address = ? AND revocation_sequence_id IS NULL"
                            + " ORDER BY association_sequence_id DESC")) {
                select.setString(1, identifier);
                select.setMaxRows(1);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------- commit log

    @Override
    public List<CommitLogRecord> appendCommitLogEntries(List<NewCommitLogEntry> entries) {
        List<String> topics = entries.stream().map(e -> "c" + hex(e.groupId())).toList();
        return writeLocked(topics, NO_EVENT, connection -> {
            List<CommitLogRecord> stored = new ArrayList<>(entries.size());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO commit_log (created_ns, group_id, serialized_commit_log_entry, signature)"
                            + " VALUES (?, ?, ?, ?)", new String[] {"id"})) {
                for (NewCommitLogEntry entry : entries) {
                    insert.setLong(1, nowNs());
                    insert.setBytes(2, entry.groupId());
                    insert.setBytes(3, entry.serializedEntry());
                    insert.setBytes(4, entry.signature());
                    insert.executeUpdate();
                    stored.add(new CommitLogRecord(generatedId(insert), entry.groupId(), entry.serializedEntry(),
                            entry.signature()));
                }
            }
            return stored;
        });
    }

    @Override
    public List<CommitLogRecord> commitLog(byte[] groupId, long afterId, int limit) {
        return read(connection -> page(connection,
                "SELECT id, group_id, serialized_commit_log_entry, signature FROM commit_log WHERE group_id = ?",
                groupId, PageRequest.ascendingAfter(afterId, limit),
                row -> new CommitLogRecord(row.getLong(1), row.getBytes(2), row.getBytes(3), row.getBytes(4))));
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static <T> List<T> page(Connection connection, String selectWhereTopic, byte[] topic, PageRequest page,
            RowMapper<T> mapper) throws SQLException {
        StringBuilder sql = new StringBuilder(selectWhereTopic);
        if (page.cursor() > 0) {
            sql.append(page.ascending() ? " AND id > ?" : " AND id < ?");
        }
        sql.append(page.ascending() ? " ORDER BY id ASC" : " ORDER BY id DESC");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setBytes(1, topic);
            if (page.cursor() > 0) {
                select.setLong(2, page.cursor());
            }
            select.setMaxRows(page.limit());
            select.setFetchSize(Math.min(page.limit(), 100));
            List<T> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("node database read failed: " + e.getMessage(), e);
        }
    }

    private static final Runnable NO_EVENT = () -> { };

    /**
     * Runs {@code work} in one transaction while holding the write locks of {@code topics} (acquired in a
     * fixed order, so concurrent batches cannot deadlock), then runs {@code afterCommit} before releasing
     * them, so that listeners hear of each topic's commits in id order.
     */
    private <T> T writeLocked(List<String> topics, Runnable afterCommit, Work<T> work) {
        TreeSet<Integer> stripeIndexes = new TreeSet<>();
        TreeSet<Long> advisoryKeys = new TreeSet<>();
        for (String topic : topics) {
            stripeIndexes.add(Math.floorMod(topic.hashCode(), STRIPES));
            advisoryKeys.add(advisoryKey(topic));
        }
        List<ReentrantLock> held = new ArrayList<>(stripeIndexes.size());
        try {
            for (int index : stripeIndexes) {
                ReentrantLock lock = stripes[index];
                lock.lock();
                held.add(lock);
            }
            T result = transaction(advisoryKeys, work);
            afterCommit.run();
            return result;
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    private <T> T transaction(TreeSet<Long> advisoryKeys, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (postgres) {
                    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        for (long key : advisoryKeys) {
                            lock.setLong(1, key);
                            lock.execute();
                        }
                    }
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("node database write failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static long advisoryKey(String topic) {
        byte[] digest = sha256(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0]);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }

    private static long generatedId(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    private long nowNs() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    static byte[] sha256(byte[] first, byte[] second) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(first);
            digest.update(second);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new StoreException("closing the node database failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcNodeStore[" + (postgres ? "PostgreSQL" : "H2") + "]";
    }
}
