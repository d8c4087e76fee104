package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Which host users have an inbox on this server, with their installation and conversations, and how far the
 * {@link NodeWatcher} got in each conversation (schema {@code db/messaging}). Kept in the messaging database (beside
 * the users' client stores) and mirrored in memory, so routing a node event to its users needs no I/O. Writes go through to the database at once. Thread-safe.
 */
final class UserDirectory {

    /**
     * A host user with an inbox here.
     *
     * @param hash           {@code HostUserKeys.hash} of the user
     * @param user           the host user
     * @param inboxId        their XMTP inbox
     * @param address        the wallet that owns it (lowercase 0x form)
     * @param installationId this server's installation in the inbox (hex)
     */
    record User(String hash, HostUser user, String inboxId, String address, String installationId) {
        User {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(inboxId, "inboxId");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(installationId, "installationId");
        }
    }

    /** The directory's tables. */
    static final List<String> TABLES = List.of("messaging_users", "messaging_user_groups", "messaging_group_cursors");

    private final DataSource dataSource;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, String> byInstallation = new ConcurrentHashMap<>();
    private final Map<String, Long> welcomeCursors = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groupMembers = new ConcurrentHashMap<>();
    private final Map<String, Long> groupCursors = new ConcurrentHashMap<>();

    private UserDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The directory in {@code dataSource} (migrated here), which the caller owns and closes. */
    static UserDirectory on(DataSource dataSource) {
        DirectoryMigrations.migrate(dataSource);
        UserDirectory directory = new UserDirectory(dataSource);
        directory.load();
        return directory;
    }

    private void load() {
        sql("load the messaging directory", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT user_hash, host_user_id, inbox_id,"
                    + " wallet_address, installation_id, welcome_cursor FROM messaging_users");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    User user = new User(rows.getString(1), HostUser.of(rows.getString(2)), rows.getString(3),
                            rows.getString(4), rows.getString(5));
                    users.put(user.hash(), user);
                    byInstallation.put(user.installationId(), user.hash());
                    welcomeCursors.put(user.hash(), rows.getLong(6));
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_hash, group_id FROM messaging_user_groups");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    groupMembers.computeIfAbsent(rows.getString(2), g -> ConcurrentHashMap.newKeySet())
                            .add(rows.getString(1));
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT group_id, cursor_value FROM messaging_group_cursors");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    groupCursors.put(rows.getString(1), rows.getLong(2));
                }
            }
            return null;
        });
    }

    Optional<User> user(String hash) {
        return Optional.ofNullable(users.get(hash));
    }

    Optional<User> byInstallation(String installationId) {
        return Optional.ofNullable(byInstallation.get(installationId)).map(users::get);
    }

    /** The local users who are members of a conversation. */
    Set<String> usersInGroup(String groupId) {
        return Set.copyOf(groupMembers.getOrDefault(groupId, Set.of()));
    }

    /** Every installation with its welcome cursor. */
    Map<String, Long> installationCursors() {
        Map<String, Long> all = new HashMap<>();
        users.values().forEach(u -> all.put(u.installationId(), welcomeCursors.getOrDefault(u.hash(), 0L)));
        return all;
    }

    /** Every conversation with a local member, with its cursor. */
    Map<String, Long> groupCursors() {
        Map<String, Long> all = new HashMap<>();
        groupMembers.keySet().forEach(g -> all.put(g, groupCursors.getOrDefault(g, 0L)));
        return all;
    }

    long groupCursor(String groupId) {
        return groupCursors.getOrDefault(groupId, 0L);
    }

    /** Adds or updates a user. */
    synchronized void putUser(User user, long welcomeCursor) {
        if (user.equals(users.get(user.hash()))) {
            return;
        }
        sql("record user " + user.hash(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM messaging_users WHERE user_hash = ?")) {
                delete.setString(1, user.hash());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messaging_users (user_hash,"
                    + " host_user_id, inbox_id, wallet_address, installation_id, welcome_cursor, created_ns)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, user.hash());
                insert.setString(2, user.user().id());
                insert.setString(3, user.inboxId());
                insert.setString(4, user.address());
                insert.setString(5, user.installationId());
                insert.setLong(6, welcomeCursor);
                insert.setLong(7, System.currentTimeMillis() * 1_000_000L);
                insert.executeUpdate();
            }
            return null;
        });
        User before = users.put(user.hash(), user);
        if (before != null) {
            byInstallation.remove(before.installationId());
        }
        byInstallation.put(user.installationId(), user.hash());
        welcomeCursors.merge(user.hash(), welcomeCursor, Math::max);
    }

    /**
     * Records that a user is a member of a conversation, starting the conversation's cursor at {@code cursor} if
     * it has none.
     *
     * @return whether the conversation had no local member before (so the watcher must add it)
     */
    synchronized boolean addGroup(String hash, String groupId, long cursor) {
        Set<String> members = groupMembers.computeIfAbsent(groupId, g -> ConcurrentHashMap.newKeySet());
        if (members.contains(hash)) {
            return false;
        }
        boolean first = members.isEmpty();
        sql("record conversation " + groupId + " of user " + hash, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO messaging_user_groups (user_hash, group_id) VALUES (?, ?)")) {
                insert.setString(1, hash);
                insert.setString(2, groupId);
                insert.executeUpdate();
            }
            if (!groupCursors.containsKey(groupId)) {
                writeGroupCursor(connection, groupId, cursor);
            }
            return null;
        });
        members.add(hash);
        groupCursors.putIfAbsent(groupId, cursor);
        return first;
    }

    /** Moves a conversation's cursor forward (never back). */
    synchronized void advanceGroup(String groupId, long cursor) {
        if (cursor <= groupCursors.getOrDefault(groupId, 0L)) {
            return;
        }
        sql("advance the cursor of conversation " + groupId, connection -> {
            writeGroupCursor(connection, groupId, cursor);
            return null;
        });
        groupCursors.put(groupId, cursor);
    }

    /** Moves a user's welcome cursor forward (never back). */
    synchronized void advanceWelcomes(String hash, long cursor) {
        if (!users.containsKey(hash) || cursor <= welcomeCursors.getOrDefault(hash, 0L)) {
            return;
        }
        sql("advance the welcome cursor of user " + hash, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE messaging_users SET welcome_cursor = ? WHERE user_hash = ?")) {
                update.setLong(1, cursor);
                update.setString(2, hash);
                update.executeUpdate();
            }
            return null;
        });
        welcomeCursors.put(hash, cursor);
    }

    private static void writeGroupCursor(Connection connection, String groupId, long cursor) throws SQLException {
        int updated;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE messaging_group_cursors SET cursor_value = ? WHERE group_id = ?")) {
            update.setLong(1, cursor);
            update.setString(2, groupId);
            updated = update.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO messaging_group_cursors (group_id, cursor_value) VALUES (?, ?)")) {
                insert.setString(1, groupId);
                insert.setLong(2, cursor);
                insert.executeUpdate();
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T sql(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + Database.redactedUrl(String.valueOf(e.getMessage())), e);
        }
    }
}
