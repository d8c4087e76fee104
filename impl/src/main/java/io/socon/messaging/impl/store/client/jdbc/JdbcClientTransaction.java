package io.socon.messaging.impl.store.client.jdbc;

import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredIdentity;
import io.socon.messaging.impl.store.client.StoredIdentityUpdate;
import io.socon.messaging.impl.store.client.StoredKeyPackage;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.store.client.StoredPendingCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One transaction of a {@link JdbcClientStore}: every call runs on the transaction's connection, and the view
 * refuses calls once the transaction has ended. Secret columns are sealed and opened with the store's
 * {@link FieldCipher}; the associated data binds each to its table, column and row key.
 */
final class JdbcClientTransaction implements ClientTransaction {

    private final Connection connection;
    private final String storeId;
    private final FieldCipher cipher;
    private boolean active = true;

    /** @param storeId the store whose rows this transaction sees and writes: every statement names it */
    JdbcClientTransaction(Connection connection, String storeId, FieldCipher cipher) {
        this.connection = connection;
        this.storeId = storeId;
        this.cipher = cipher;
    }

    /** Ends the view: later calls fail. */
    void end() {
        active = false;
    }

    static long nowNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    // ---------------------------------------------------------------- identity

    @Override
    public Optional<StoredIdentity> identity() {
        return sql("read the identity", () -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT inbox_id, wallet_address, installation_public_key, installation_key_ref,"
                            + " sealed_installation_key, registered, created_ns FROM client_identity WHERE store_id = ?")) {
                select.setString(1, storeId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    byte[] publicKey = row.getBytes(3);
                    byte[] sealedKey = cipher.open("client_identity", "sealed_installation_key", publicKey,
                            row.getBytes(5));
                    return Optional.of(new StoredIdentity(row.getString(1), row.getString(2), publicKey,
                            row.getString(4), sealedKey, row.getBoolean(6), row.getLong(7)));
                }
            }
        });
    }

    @Override
    public void putIdentity(StoredIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        byte[] publicKey = identity.installationPublicKey();
        byte[] sealedKey = cipher.seal("client_identity", "sealed_installation_key", publicKey,
                identity.sealedInstallationKey());
        sql("store the identity of inbox " + identity.inboxId(), () -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_identity SET inbox_id = ?, wallet_address = ?, installation_public_key = ?,"
                            + " installation_key_ref = ?, sealed_installation_key = ?, registered = ?, created_ns = ?"
                            + " WHERE store_id = ?")) {
                bindIdentity(update, identity, publicKey, sealedKey, 1);
                update.setString(8, storeId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO client_identity (inbox_id, wallet_address, installation_public_key,"
                                + " installation_key_ref, sealed_installation_key, registered, created_ns, store_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindIdentity(insert, identity, publicKey, sealedKey, 1);
                    insert.setString(8, storeId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bindIdentity(PreparedStatement statement, StoredIdentity identity, byte[] publicKey,
                                     byte[] sealedKey, int first) throws SQLException {
        statement.setString(first, identity.inboxId());
        statement.setString(first + 1, identity.walletAddress());
        statement.setBytes(first + 2, publicKey);
        statement.setString(first + 3, identity.installationKeyRef());
        statement.setBytes(first + 4, sealedKey);
        statement.setBoolean(first + 5, identity.registered());
        statement.setLong(first + 6, identity.createdAtNs());
    }

    // ---------------------------------------------------------------- key packages

    private static final String KEY_PACKAGE_COLUMNS = "hpke_public_key, bundle, created_ns";

    private StoredKeyPackage keyPackage(ResultSet row) throws SQLException {
        byte[] hpkePublicKey = row.getBytes(1);
        return new StoredKeyPackage(hpkePublicKey,
                cipher.open("client_key_packages", "bundle", hpkePublicKey, row.getBytes(2)), row.getLong(3));
    }

    @Override
    public void putKeyPackage(StoredKeyPackage keyPackage) {
        Objects.requireNonNull(keyPackage, "keyPackage");
        byte[] key = keyPackage.hpkePublicKey();
        byte[] bundle = cipher.seal("client_key_packages", "bundle", key, keyPackage.bundle());
        sql("store the key package " + hex(key), () -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_key_packages SET bundle = ?, created_ns = ? WHERE hpke_public_key = ? AND store_id = ?")) {
                update.setBytes(1, bundle);
                update.setLong(2, keyPackage.createdAtNs());
                update.setBytes(3, key);
                update.setString(4, storeId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO client_key_packages (bundle, created_ns, hpke_public_key, store_id)"
                                + " VALUES (?, ?, ?, ?)")) {
                    insert.setBytes(1, bundle);
                    insert.setLong(2, keyPackage.createdAtNs());
                    insert.setBytes(3, key);
                    insert.setString(4, storeId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StoredKeyPackage> keyPackage(byte[] hpkePublicKey) {
        Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
        return sql("read the key package " + hex(hpkePublicKey), () -> first(
                "SELECT " + KEY_PACKAGE_COLUMNS + " FROM client_key_packages WHERE hpke_public_key = ? AND store_id = ?",
                hpkePublicKey, this::keyPackage));
    }

    @Override
    public List<StoredKeyPackage> keyPackages() {
        return sql("list the key packages", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + KEY_PACKAGE_COLUMNS
                    + " FROM client_key_packages WHERE store_id = ? ORDER BY created_ns DESC, hpke_public_key")) {
                select.setString(1, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredKeyPackage> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(keyPackage(rows));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public boolean deleteKeyPackage(byte[] hpkePublicKey) {
        Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
        return sql("delete the key package " + hex(hpkePublicKey), () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM client_key_packages WHERE hpke_public_key = ? AND store_id = ?")) {
                delete.setBytes(1, hpkePublicKey);
                delete.setString(2, storeId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<StoredMessage> unpublishedMessages(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("list the unpublished messages of group " + hex(groupId), () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM client_messages WHERE group_id = ? AND delivery = ? AND store_id = ?"
                    + " ORDER BY sent_at_ns, id")) {
                select.setBytes(1, groupId);
                select.setString(2, StoredMessage.Delivery.UNPUBLISHED.name());
                select.setString(3, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredMessage> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(message(rows));
                    }
                    return all;
                }
            }
        });
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public void putOutgoing(byte[] payloadHash, byte[] groupId, byte[] messageId, long createdAtNs) {
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(messageId, "messageId");
        sql("record the outgoing message " + hex(messageId), () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM client_outbox WHERE payload_hash = ? AND store_id = ?")) {
                delete.setBytes(1, payloadHash);
                delete.setString(2, storeId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO client_outbox (payload_hash, message_id, group_id, created_ns, store_id)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                insert.setBytes(1, payloadHash);
                insert.setBytes(2, messageId);
                insert.setBytes(3, groupId);
                insert.setLong(4, createdAtNs);
                insert.setString(5, storeId);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> outgoingMessageId(byte[] payloadHash) {
        Objects.requireNonNull(payloadHash, "payloadHash");
        return sql("read the outbox", () -> first("SELECT message_id FROM client_outbox WHERE payload_hash = ? AND store_id = ?",
                payloadHash, row -> row.getBytes(1)));
    }

    @Override
    public int deleteOutgoing(byte[] messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return sql("clear the outbox of message " + hex(messageId), () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM client_outbox WHERE message_id = ? AND store_id = ?")) {
                delete.setBytes(1, messageId);
                delete.setString(2, storeId);
                return delete.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- pending commits

    @Override
    public void putPendingCommit(StoredPendingCommit commit) {
        Objects.requireNonNull(commit, "commit");
        byte[] groupId = commit.groupId();
        byte[] state = cipher.seal("client_pending_commits", "mls_state", groupId, commit.mlsState());
        byte[] keys = cipher.seal("client_pending_commits", "mls_keys", groupId, commit.mlsKeys());
        byte[] plan = cipher.seal("client_pending_commits", "welcome_plan", groupId, commit.welcomePlan());
        sql("store the pending commit of group " + hex(groupId), () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM client_pending_commits WHERE group_id = ? AND store_id = ?")) {
                delete.setBytes(1, groupId);
                delete.setString(2, storeId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_pending_commits"
                    + " (group_id, payload_hash, mls_state, mls_keys, welcome_plan, created_ns, store_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(7, storeId);
                insert.setBytes(1, groupId);
                insert.setBytes(2, commit.payloadHash());
                insert.setBytes(3, state);
                insert.setBytes(4, keys);
                insert.setBytes(5, plan);
                insert.setLong(6, commit.createdAtNs());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredPendingCommit> pendingCommit(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("read the pending commit of group " + hex(groupId), () -> first(
                "SELECT group_id, payload_hash, mls_state, mls_keys, welcome_plan, created_ns"
                        + " FROM client_pending_commits WHERE group_id = ? AND store_id = ?", groupId, row -> {
                    byte[] id = row.getBytes(1);
                    return new StoredPendingCommit(id, row.getBytes(2),
                            cipher.open("client_pending_commits", "mls_state", id, row.getBytes(3)),
                            cipher.open("client_pending_commits", "mls_keys", id, row.getBytes(4)),
                            cipher.open("client_pending_commits", "welcome_plan", id, row.getBytes(5)),
                            row.getLong(6));
                }));
    }

    @Override
    public boolean deletePendingCommit(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("delete the pending commit of group " + hex(groupId), () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM client_pending_commits WHERE group_id = ? AND store_id = ?")) {
                delete.setBytes(1, groupId);
                delete.setString(2, storeId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------- conversations

    private static final String GROUP_COLUMNS = "group_id, kind, dm_peer_inbox_id, status, mls_state, mls_keys,"
            + " message_cursor, needs_key_update, added_by_inbox_id, created_ns, last_activity_ns";

    private StoredGroup group(ResultSet row) throws SQLException {
        byte[] groupId = row.getBytes(1);
        return new StoredGroup(groupId,
                enumValue(StoredGroup.Kind.class, row.getString(2), "client_groups.kind", groupId),
                row.getString(3),
                enumValue(StoredGroup.Status.class, row.getString(4), "client_groups.status", groupId),
                cipher.open("client_groups", "mls_state", groupId, row.getBytes(5)),
                cipher.open("client_groups", "mls_keys", groupId, row.getBytes(6)),
                row.getLong(7), row.getBoolean(8), row.getString(9), row.getLong(10), row.getLong(11));
    }

    @Override
    public void putGroup(StoredGroup group) {
        Objects.requireNonNull(group, "group");
        byte[] groupId = group.groupId();
        byte[] state = cipher.seal("client_groups", "mls_state", groupId, group.mlsState());
        byte[] keys = cipher.seal("client_groups", "mls_keys", groupId, group.mlsKeys());
        sql("store the group " + hex(groupId), () -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_groups SET kind = ?, dm_peer_inbox_id = ?, status = ?, mls_state = ?, mls_keys = ?,"
                            + " message_cursor = ?, needs_key_update = ?, added_by_inbox_id = ?, created_ns = ?,"
                            + " last_activity_ns = ? WHERE group_id = ? AND store_id = ?")) {
                bindGroup(update, group, state, keys, groupId);
                update.setString(12, storeId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO client_groups (kind, dm_peer_inbox_id, status, mls_state, mls_keys, message_cursor,"
                                + " needs_key_update, added_by_inbox_id, created_ns, last_activity_ns, group_id, store_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindGroup(insert, group, state, keys, groupId);
                    insert.setString(12, storeId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bindGroup(PreparedStatement statement, StoredGroup group, byte[] state, byte[] keys,
                                  byte[] groupId) throws SQLException {
        statement.setString(1, group.kind().name());
        statement.setString(2, group.dmPeerInboxId());
        statement.setString(3, group.status().name());
        statement.setBytes(4, state);
        statement.setBytes(5, keys);
        statement.setLong(6, group.messageCursor());
        statement.setBoolean(7, group.needsKeyUpdate());
        statement.setString(8, group.addedByInboxId());
        statement.setLong(9, group.createdAtNs());
        statement.setLong(10, group.lastActivityNs());
        statement.setBytes(11, groupId);
    }

    @Override
    public Optional<StoredGroup> group(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("read the group " + hex(groupId), () -> first(
                "SELECT " + GROUP_COLUMNS + " FROM client_groups WHERE group_id = ? AND store_id = ?", groupId,
                this::group));
    }

    @Override
    public List<StoredGroup> groups() {
        return sql("list the groups", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP_COLUMNS
                    + " FROM client_groups WHERE store_id = ? ORDER BY last_activity_ns DESC, group_id")) {
                select.setString(1, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredGroup> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(group(rows));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public Optional<StoredGroup> dmWith(String peerInboxId) {
        Objects.requireNonNull(peerInboxId, "peerInboxId");
        return sql("find the DM with " + peerInboxId, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP_COLUMNS
                    + " FROM client_groups WHERE dm_peer_inbox_id = ? AND kind = ? AND status = ? AND store_id = ?"
                    + " ORDER BY last_activity_ns DESC, created_ns DESC, group_id LIMIT 1")) {
                select.setString(1, peerInboxId);
                select.setString(2, StoredGroup.Kind.DM.name());
                select.setString(3, StoredGroup.Status.ACTIVE.name());
                select.setString(4, storeId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(group(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredGroup> dmsWith(String peerInboxId) {
        Objects.requireNonNull(peerInboxId, "peerInboxId");
        return sql("list the DMs with " + peerInboxId, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + GROUP_COLUMNS
                    + " FROM client_groups WHERE dm_peer_inbox_id = ? AND kind = ? AND store_id = ?"
                    + " ORDER BY last_activity_ns DESC, group_id DESC")) {
                select.setString(1, peerInboxId);
                select.setString(2, StoredGroup.Kind.DM.name());
                select.setString(3, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredGroup> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(group(rows));
                    }
                    return all;
                }
            }
        });
    }

    // ---------------------------------------------------------------- messages

    private static final String MESSAGE_COLUMNS = "id, group_id, node_id, sent_at_ns, sender_inbox_id,"
            + " sender_installation_id, kind, encoded_content, delivery, should_push";

    private StoredMessage message(ResultSet row) throws SQLException {
        byte[] id = row.getBytes(1);
        return new StoredMessage(id, row.getBytes(2), row.getLong(3), row.getLong(4), row.getString(5), row.getBytes(6),
                enumValue(StoredMessage.Kind.class, row.getString(7), "client_messages.kind", id),
                cipher.open("client_messages", "encoded_content", id, row.getBytes(8)),
                enumValue(StoredMessage.Delivery.class, row.getString(9), "client_messages.delivery", id),
                row.getBoolean(10));
    }

    @Override
    public boolean putMessage(StoredMessage message) {
        Objects.requireNonNull(message, "message");
        byte[] id = message.id();
        return sql("store the message " + hex(id), () -> {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM client_messages WHERE id = ? AND store_id = ?")) {
                exists.setBytes(1, id);
                exists.setString(2, storeId);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_messages ("
                    + MESSAGE_COLUMNS + ", store_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(11, storeId);
                insert.setBytes(1, id);
                insert.setBytes(2, message.groupId());
                insert.setLong(3, message.nodeId());
                insert.setLong(4, message.sentAtNs());
                insert.setString(5, message.senderInboxId());
                insert.setBytes(6, message.senderInstallationId());
                insert.setString(7, message.kind().name());
                insert.setBytes(8, cipher.seal("client_messages", "encoded_content", id, message.encodedContent()));
                insert.setString(9, message.delivery().name());
                insert.setBoolean(10, message.shouldPush());
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<StoredMessage> message(byte[] messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return sql("read the message " + hex(messageId), () -> first(
                "SELECT " + MESSAGE_COLUMNS + " FROM client_messages WHERE id = ? AND store_id = ?", messageId,
                this::message));
    }

    @Override
    public List<StoredMessage> messages(byte[] groupId, long afterSentAtNs, int limit) {
        Objects.requireNonNull(groupId, "groupId");
        checkLimit(limit);
        return sql("list the messages of group " + hex(groupId), () -> messages(
                "SELECT " + MESSAGE_COLUMNS + " FROM client_messages WHERE group_id = ? AND sent_at_ns > ?"
                        + " AND store_id = ? ORDER BY sent_at_ns, id LIMIT ?", groupId, afterSentAtNs, limit));
    }

    @Override
    public List<StoredMessage> latestMessages(byte[] groupId, int limit) {
        Objects.requireNonNull(groupId, "groupId");
        checkLimit(limit);
        return sql("list the latest messages of group " + hex(groupId), () -> messages(
                "SELECT " + MESSAGE_COLUMNS + " FROM client_messages WHERE group_id = ? AND sent_at_ns >= ?"
                        + " AND store_id = ? ORDER BY sent_at_ns DESC, id DESC LIMIT ?", groupId, Long.MIN_VALUE, limit));
    }

    @Override
    public List<StoredMessage> messages(byte[] groupId, long afterSentAtNs, long beforeSentAtNs, boolean descending,
                                        int limit) {
        Objects.requireNonNull(groupId, "groupId");
        return messages(List.of(groupId), afterSentAtNs, beforeSentAtNs, descending, limit);
    }

    @Override
    public List<StoredMessage> messages(List<byte[]> groupIds, long afterSentAtNs, long beforeSentAtNs,
                                        boolean descending, int limit) {
        Objects.requireNonNull(groupIds, "groupIds");
        groupIds.forEach(id -> Objects.requireNonNull(id, "groupIds holds null"));
        checkLimit(limit);
        String order = descending ? " ORDER BY sent_at_ns DESC, id DESC" : " ORDER BY sent_at_ns, id";
        String what = groupIds.size() == 1 ? "group " + hex(groupIds.get(0)) : groupIds.size() + " groups";
        return sql("list a window of the messages of " + what, () -> {
            List<StoredMessage> page = new ArrayList<>();
            if (limit == 0 || afterSentAtNs >= beforeSentAtNs || groupIds.isEmpty()) {
                return page;
            }
            String in = String.join(", ", java.util.Collections.nCopies(groupIds.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM client_messages WHERE group_id IN (" + in + ") AND sent_at_ns > ? AND sent_at_ns < ?"
                    + " AND store_id = ?" + order + " LIMIT ?")) {
                int i = 1;
                for (byte[] groupId : groupIds) {
                    select.setBytes(i++, groupId);
                }
                select.setLong(i++, afterSentAtNs);
                select.setLong(i++, beforeSentAtNs);
                select.setString(i++, storeId);
                select.setInt(i, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(message(rows));
                    }
                }
            }
            return page;
        });
    }

    private List<StoredMessage> messages(String query, byte[] groupId, long sentAtNs, int limit) throws SQLException {
        List<StoredMessage> page = new ArrayList<>();
        if (limit == 0) {
            return page;
        }
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setBytes(1, groupId);
            select.setLong(2, sentAtNs);
            select.setString(3, storeId);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    page.add(message(rows));
                }
            }
        }
        return page;
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a message limit is 0 or more, got " + limit);
        }
    }

    @Override
    public boolean markPublished(byte[] messageId, long nodeId, long sentAtNs) {
        Objects.requireNonNull(messageId, "messageId");
        return sql("mark the message " + hex(messageId) + " published", () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_messages SET node_id = ?, sent_at_ns = ?, delivery = ? WHERE id = ? AND store_id = ?")) {
                update.setLong(1, nodeId);
                update.setLong(2, sentAtNs);
                update.setString(3, StoredMessage.Delivery.PUBLISHED.name());
                update.setBytes(4, messageId);
                update.setString(5, storeId);
                return update.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------- read state and consent

    @Override
    public long lastReadNs(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("read the read mark of group " + hex(groupId), () -> first(
                "SELECT last_read_ns FROM client_groups WHERE group_id = ? AND store_id = ?", groupId, row -> row.getLong(1))
                .orElse(0L));
    }

    @Override
    public boolean markRead(byte[] groupId, long readUpToNs) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("mark group " + hex(groupId) + " read", () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_groups SET last_read_ns = ? WHERE group_id = ? AND last_read_ns < ? AND store_id = ?")) {
                update.setLong(1, readUpToNs);
                update.setBytes(2, groupId);
                update.setLong(3, readUpToNs);
                update.setString(4, storeId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long unreadCount(byte[] groupId, String selfInboxId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(selfInboxId, "selfInboxId");
        return sql("count the unread messages of group " + hex(groupId), () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM client_messages m"
                    + " JOIN client_groups g ON g.store_id = m.store_id AND g.group_id = m.group_id"
                    + " WHERE m.group_id = ? AND m.should_push = TRUE AND m.kind = ? AND m.sender_inbox_id <> ?"
                    + " AND m.sent_at_ns > g.last_read_ns AND m.store_id = ?")) {
                select.setBytes(1, groupId);
                select.setString(2, StoredMessage.Kind.APPLICATION.name());
                select.setString(3, selfInboxId);
                select.setString(4, storeId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Optional<ConsentState> consent(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("read the consent of group " + hex(groupId), () -> first(
                "SELECT consent FROM client_groups WHERE group_id = ? AND store_id = ?", groupId,
                row -> Optional.ofNullable(row.getString(1))).flatMap(value -> value)
                .map(value -> enumValue(ConsentState.class, value, "client_groups.consent", groupId)));
    }

    @Override
    public boolean setConsent(byte[] groupId, ConsentState consent) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(consent, "consent");
        return sql("set the consent of group " + hex(groupId), () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_groups SET consent = ? WHERE group_id = ? AND store_id = ?")) {
                update.setString(1, consent == ConsentState.UNKNOWN ? null : consent.name());
                update.setBytes(2, groupId);
                update.setString(3, storeId);
                return update.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------- installation checks

    @Override
    public long installationsCheckedNs(byte[] groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("read when the installations of group " + hex(groupId) + " were checked", () -> first(
                "SELECT installations_checked_ns FROM client_groups WHERE group_id = ? AND store_id = ?", groupId,
                row -> row.getLong(1)).orElse(0L));
    }

    @Override
    public boolean setInstallationsCheckedNs(byte[] groupId, long checkedNs) {
        Objects.requireNonNull(groupId, "groupId");
        return sql("record when the installations of group " + hex(groupId) + " were checked", () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_groups SET installations_checked_ns = ? WHERE group_id = ? AND store_id = ?")) {
                update.setLong(1, checkedNs);
                update.setBytes(2, groupId);
                update.setString(3, storeId);
                return update.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------- cursors and identity cache

    @Override
    public long cursor(String name) {
        Objects.requireNonNull(name, "name");
        return sql("read the cursor " + name, () -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT cursor_value FROM client_cursors WHERE cursor_name = ? AND store_id = ?")) {
                select.setString(1, name);
                select.setString(2, storeId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void setCursor(String name, long value) {
        Objects.requireNonNull(name, "name");
        sql("set the cursor " + name, () -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_cursors SET cursor_value = ? WHERE cursor_name = ? AND store_id = ?")) {
                update.setLong(1, value);
                update.setString(2, name);
                update.setString(3, storeId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO client_cursors (cursor_value, cursor_name, store_id) VALUES (?, ?, ?)")) {
                    insert.setLong(1, value);
                    insert.setString(2, name);
                    insert.setString(3, storeId);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void putIdentityUpdates(String inboxId, List<StoredIdentityUpdate> updates) {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(updates, "updates");
        if (updates.isEmpty()) {
            return;
        }
        sql("store identity updates of inbox " + inboxId, () -> {
            Set<Long> known = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sequence_id FROM client_identity_updates WHERE inbox_id = ? AND store_id = ?")) {
                select.setString(1, inboxId);
                select.setString(2, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getLong(1));
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO client_identity_updates (inbox_id, sequence_id, identity_update, store_id)"
                            + " VALUES (?, ?, ?, ?)")) {
                boolean any = false;
                for (StoredIdentityUpdate update : updates) {
                    if (known.add(update.sequenceId())) {
                        insert.setString(1, inboxId);
                        insert.setLong(2, update.sequenceId());
                        insert.setBytes(3, update.update());
                        insert.setString(4, storeId);
                        insert.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public List<StoredIdentityUpdate> identityUpdates(String inboxId) {
        Objects.requireNonNull(inboxId, "inboxId");
        return sql("read identity updates of inbox " + inboxId, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT sequence_id, identity_update"
                    + " FROM client_identity_updates WHERE inbox_id = ? AND store_id = ? ORDER BY sequence_id")) {
                select.setString(1, inboxId);
                select.setString(2, storeId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredIdentityUpdate> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(new StoredIdentityUpdate(rows.getLong(1), rows.getBytes(2)));
                    }
                    return all;
                }
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs {@code body}, turning an SQL failure into a {@link StoreException} that says what failed. */
    private <T> T sql(String what, Sql<T> body) {
        if (!active) {
            throw new IllegalStateException("this client store transaction has ended; cannot " + what);
        }
        try {
            return body.run();
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code query}, whose first parameter is the row key and whose second is the store id. */
    private <T> Optional<T> first(String query, byte[] key, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setBytes(1, key);
            select.setString(2, storeId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String column, byte[] rowKey) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(column + " of row " + hex(rowKey) + " holds '" + value + "', which is not a "
                    + type.getSimpleName() + " this version knows", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "JdbcClientTransaction[" + (active ? "active" : "ended") + "]";
    }
}
