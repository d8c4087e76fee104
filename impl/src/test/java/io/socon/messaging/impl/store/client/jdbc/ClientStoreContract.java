package io.socon.messaging.impl.store.client.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredIdentity;
import io.socon.messaging.impl.store.client.StoredIdentityUpdate;
import io.socon.messaging.impl.store.client.StoredKeyPackage;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.store.client.StoredPendingCommit;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the JDBC {@code ClientStore} must do; run against H2 and PostgreSQL by the subclasses. */
abstract class ClientStoreContract {

    static final KeyUri VAULT_KEY = KeyUri.of("memory://client/data-key");

    protected InMemoryKeyVault vault;
    protected DataKey dataKey;
    protected String url;
    protected JdbcClientStore store;

    /** The JDBC URL of a fresh, empty database. */
    protected abstract String newDatabase() throws Exception;

    /** The database user, or null. */
    protected String user() {
        return null;
    }

    /** Opens the store on this test's database. */
    protected JdbcClientStore open(DataKey key) {
        return JdbcClientStore.open(url, user(), null, key);
    }

    @BeforeEach
    void openStore() throws Exception {
        vault = new InMemoryKeyVault();
        dataKey = DataKey.wrappedBy(vault, VAULT_KEY);
        url = newDatabase();
        store = open(dataKey);
    }

    @AfterEach
    void closeStore() {
        store.close();
        vault.close();
    }

    // ---------------------------------------------------------------- fixtures

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] id(int first, String rest) {
        byte[] tail = bytes(rest);
        byte[] id = new byte[1 + tail.length];
        id[0] = (byte) first;
        System.arraycopy(tail, 0, id, 1, tail.length);
        return id;
    }

    static StoredIdentity identity(String inbox, String secret) {
        return new StoredIdentity(inbox, "0xabc", bytes("installation-public-key-" + inbox), "sealed:", bytes(secret),
                false, 42);
    }

    static StoredGroup group(String id, long lastActivityNs) {
        return new StoredGroup(bytes(id), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE,
                bytes("state of " + id), bytes("keys of " + id), 0, true, "creator", 1, lastActivityNs);
    }

    static StoredGroup dm(String id, String peer, StoredGroup.Status status, long createdNs, long lastActivityNs) {
        return new StoredGroup(bytes(id), StoredGroup.Kind.DM, peer, status, bytes("state of " + id),
                bytes("keys of " + id), 0, false, peer, createdNs, lastActivityNs);
    }

    static StoredMessage message(byte[] id, String group, long sentAtNs, String content) {
        return new StoredMessage(id, bytes(group), 0, sentAtNs, "sender", bytes("installation"),
                StoredMessage.Kind.APPLICATION, bytes(content), StoredMessage.Delivery.UNPUBLISHED);
    }

    static StoredMessage message(String id, String group, long sentAtNs, String content) {
        return message(bytes(id), group, sentAtNs, content);
    }

    static List<String> contents(List<StoredMessage> messages) {
        return messages.stream().map(m -> new String(m.encodedContent(), StandardCharsets.UTF_8)).toList();
    }

    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(url, user(), null);
    }

    byte[] rawColumn(String table, String column, String keyColumn, byte[] key) throws SQLException {
        try (Connection connection = rawConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?")) {
            select.setBytes(1, key);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a row of " + table).isTrue();
                return row.getBytes(1);
            }
        }
    }

    void setRawColumn(String table, String column, String keyColumn, byte[] key, byte[] value) throws SQLException {
        try (Connection connection = rawConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?")) {
            update.setBytes(1, value);
            update.setBytes(2, key);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- identity

    @Test
    void identityIsEmptyThenStoredThenReplaced() {
        assertThat(store.read(ClientTransaction::identity)).isEmpty();

        StoredIdentity first = identity("inbox-1", "secret-1");
        store.transaction(tx -> {
            tx.putIdentity(first);
            return null;
        });
        assertThat(store.read(ClientTransaction::identity)).contains(first);

        StoredIdentity registered = first.asRegistered();
        store.transaction(tx -> {
            tx.putIdentity(registered);
            return null;
        });
        assertThat(store.read(ClientTransaction::identity)).contains(registered);

        StoredIdentity other = identity("inbox-2", "secret-2");
        store.transaction(tx -> {
            tx.putIdentity(other);
            return null;
        });
        assertThat(store.read(ClientTransaction::identity)).contains(other);
    }

    // ---------------------------------------------------------------- key packages

    @Test
    void keyPackagesAreStoredListedNewestFirstReplacedAndDeleted() {
        StoredKeyPackage older = new StoredKeyPackage(bytes("init-a"), bytes("bundle-a"), 100);
        StoredKeyPackage newer = new StoredKeyPackage(bytes("init-b"), bytes("bundle-b"), 200);
        store.transaction(tx -> {
            tx.putKeyPackage(older);
            tx.putKeyPackage(newer);
            return null;
        });

        assertThat(store.read(ClientTransaction::keyPackages)).containsExactly(newer, older);
        assertThat(store.read((ClientTransaction tx) -> tx.keyPackage(bytes("init-a")))).contains(older);
        assertThat(store.read((ClientTransaction tx) -> tx.keyPackage(bytes("init-x")))).isEmpty();

        StoredKeyPackage replaced = new StoredKeyPackage(bytes("init-a"), bytes("bundle-a2"), 300);
        store.transaction(tx -> {
            tx.putKeyPackage(replaced);
            return null;
        });
        assertThat(store.read(ClientTransaction::keyPackages)).containsExactly(replaced, newer);

        assertThat(store.transaction((ClientTransaction tx) -> tx.deleteKeyPackage(bytes("init-a")))).isTrue();
        assertThat(store.transaction((ClientTransaction tx) -> tx.deleteKeyPackage(bytes("init-a")))).isFalse();
        assertThat(store.read((ClientTransaction tx) -> tx.keyPackage(bytes("init-a")))).isEmpty();
        assertThat(store.read(ClientTransaction::keyPackages)).containsExactly(newer);
    }

    // ---------------------------------------------------------------- conversations

    private java.util.Optional<StoredPendingCommit> pending(String groupId) {
        return store.read(tx -> tx.pendingCommit(bytes(groupId)));
    }

    private boolean deletePending(String groupId) {
        return store.<Boolean>transaction(tx -> tx.deletePendingCommit(bytes(groupId)));
    }

    @Test
    void aPendingCommitIsStoredReplacedPerGroupAndDeleted() {
        StoredPendingCommit first = new StoredPendingCommit(bytes("g1"), bytes("hash-1"), bytes("state-1"),
                bytes("keys-1"), bytes("plan-1"), 10);
        StoredPendingCommit second = new StoredPendingCommit(bytes("g1"), bytes("hash-2"), bytes("state-2"),
                bytes("keys-2"), new byte[0], 20);
        assertThat(pending("g1")).isEmpty();
        store.transaction(tx -> {
            tx.putPendingCommit(first);
            return null;
        });
        assertThat(pending("g1")).contains(first);
        store.transaction(tx -> {
            tx.putPendingCommit(second);
            return null;
        });
        assertThat(pending("g1")).contains(second);
        assertThat(pending("g2")).isEmpty();
        assertThat(deletePending("g1")).isTrue();
        assertThat(deletePending("g1")).isFalse();
        assertThat(pending("g1")).isEmpty();
    }

    @Test
    void groupsAreStoredReplacedAndListedMostRecentlyActiveFirst() {
        StoredGroup quiet = group("quiet", 10);
        StoredGroup busy = group("busy", 30);
        StoredGroup middle = dm("dm", "peer", StoredGroup.Status.ACTIVE, 5, 20);
        store.transaction(tx -> {
            tx.putGroup(quiet);
            tx.putGroup(busy);
            tx.putGroup(middle);
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("quiet")))).contains(quiet);
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("none")))).isEmpty();
        assertThat(store.read(ClientTransaction::groups)).containsExactly(busy, middle, quiet);

        StoredGroup woken = quiet.withState(bytes("state 2"), bytes("keys 2"), 7, false, 40);
        store.transaction(tx -> {
            tx.putGroup(woken);
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("quiet")))).contains(woken);
        assertThat(store.read(ClientTransaction::groups)).containsExactly(woken, busy, middle);
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("quiet")).orElseThrow()))
                .extracting(StoredGroup::messageCursor, StoredGroup::needsKeyUpdate, StoredGroup::lastActivityNs)
                .containsExactly(7L, false, 40L);
    }

    @Test
    void dmWithFindsOnlyActiveDmsAndTheMostRecentlyActiveOfSeveral() {
        store.transaction(tx -> {
            tx.putGroup(dm("removed", "bob", StoredGroup.Status.REMOVED, 1, 100));
            tx.putGroup(dm("older", "bob", StoredGroup.Status.ACTIVE, 2, 20));
            tx.putGroup(dm("newer", "bob", StoredGroup.Status.ACTIVE, 3, 30));
            tx.putGroup(dm("carol's", "carol", StoredGroup.Status.REMOVED, 4, 40));
            tx.putGroup(group("a group", 50));
            return null;
        });

        assertThat(store.read((ClientTransaction tx) -> tx.dmWith("bob")).map(StoredGroup::groupId)).hasValueSatisfying(
                id -> assertThat(id).isEqualTo(bytes("newer")));
        assertThat(store.read((ClientTransaction tx) -> tx.dmWith("carol"))).isEmpty();
        assertThat(store.read((ClientTransaction tx) -> tx.dmWith("creator"))).isEmpty();
        assertThat(store.read((ClientTransaction tx) -> tx.dmWith("nobody"))).isEmpty();

        store.transaction(tx -> {
            tx.putGroup(tx.group(bytes("newer")).orElseThrow().withStatus(StoredGroup.Status.REMOVED));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.dmWith("bob")).map(StoredGroup::groupId)).hasValueSatisfying(
                id -> assertThat(id).isEqualTo(bytes("older")));
    }

    @Test
    void dmsWithListsEveryDmWithThePeerMostRecentlyActiveFirstThenByHighestId() {
        StoredGroup removed = dm("removed", "bob", StoredGroup.Status.REMOVED, 1, 100);
        StoredGroup older = dm("older", "bob", StoredGroup.Status.ACTIVE, 2, 20);
        StoredGroup tieLow = new StoredGroup(id(0x01, "tie"), StoredGroup.Kind.DM, "bob", StoredGroup.Status.ACTIVE,
                bytes("s"), bytes("k"), 0, false, "bob", 3, 30);
        StoredGroup tieHigh = new StoredGroup(id(0xf0, "tie"), StoredGroup.Kind.DM, "bob", StoredGroup.Status.ACTIVE,
                bytes("s"), bytes("k"), 0, false, "bob", 3, 30);
        store.transaction(tx -> {
            for (StoredGroup g : List.of(older, tieLow, removed, tieHigh, dm("carol's", "carol",
                    StoredGroup.Status.ACTIVE, 4, 40), group("a group", 50))) {
                tx.putGroup(g);
            }
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.dmsWith("bob"))).containsExactly(removed, tieHigh, tieLow,
                older);
        assertThat(store.read((ClientTransaction tx) -> tx.dmsWith("carol"))).hasSize(1);
        assertThat(store.read((ClientTransaction tx) -> tx.dmsWith("nobody"))).isEmpty();
    }

    @Test
    void aWindowOverSeveralGroupsMergesTheirMessagesInOneOrder() {
        store.transaction(tx -> {
            for (StoredMessage m : List.of(message(id(0x10, "a"), "g1", 10, "a"), message(id(0x20, "b"), "g2", 20, "b"),
                    message(id(0x05, "c"), "g1", 20, "c"), message(id(0x30, "d"), "g2", 30, "d"),
                    message(id(0x01, "e"), "g3", 25, "elsewhere"))) {
                tx.putMessage(m);
            }
            return null;
        });
        List<byte[]> both = List.of(bytes("g1"), bytes("g2"));
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(both, Long.MIN_VALUE, Long.MAX_VALUE,
                false, 100)))).containsExactly("a", "c", "b", "d");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(both, Long.MIN_VALUE, Long.MAX_VALUE,
                true, 3)))).containsExactly("d", "b", "c");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(both, 10, 30, true, 100))))
                .containsExactly("b", "c");
        assertThat(store.read((ClientTransaction tx) -> tx.messages(List.<byte[]>of(), Long.MIN_VALUE,
                Long.MAX_VALUE, false, 100))).isEmpty();
        assertThatThrownBy(() -> store.read(tx -> tx.messages(both, 0, 1, false, -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeMlsStateRoundTrips() {
        byte[] state = new byte[1 << 20];
        new java.util.Random(1).nextBytes(state);
        StoredGroup big = group("big", 1).withState(state, bytes("keys"), 1, false, 2);
        store.transaction(tx -> {
            tx.putGroup(big);
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("big")))).contains(big);
    }

    // ---------------------------------------------------------------- messages

    @Test
    void aMessageIsStoredOnceByIdAndKeepsItsFirstContent() {
        StoredMessage first = message("m1", "g", 10, "hello");
        assertThat(store.transaction((ClientTransaction tx) -> tx.putMessage(first))).isTrue();
        assertThat(store.transaction((ClientTransaction tx) -> tx.putMessage(message("m1", "g", 11, "again")))).isFalse();

        assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m1")))).contains(first);
        assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m2")))).isEmpty();
    }

    @Test
    void messagesAreOrderedBySentTimeThenIdAndPaged() {
        // same time: ordered by id as unsigned bytes (0x01... before 0xff...)
        StoredMessage a = message(id(0x10, "a"), "g", 10, "a");
        StoredMessage b = message(id(0xff, "b"), "g", 20, "b");
        StoredMessage c = message(id(0x01, "c"), "g", 20, "c");
        StoredMessage d = message(id(0x00, "d"), "g", 30, "d");
        StoredMessage elsewhere = message(id(0x02, "e"), "other", 15, "elsewhere");
        store.transaction(tx -> {
            for (StoredMessage m : List.of(d, b, elsewhere, a, c)) {
                assertThat(tx.putMessage(m)).isTrue();
            }
            return null;
        });

        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE, 100)))).containsExactly("a", "c", "b", "d");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 10, 100)))).containsExactly("c", "b", "d");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 10, 2)))).containsExactly("c", "b");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 30, 100)))).isEmpty();
        assertThat(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE, 0))).isEmpty();
        assertThat(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE, 1))).containsExactly(a);

        assertThat(contents(store.read((ClientTransaction tx) -> tx.latestMessages(bytes("g"), 3)))).containsExactly("d", "b", "c");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.latestMessages(bytes("g"), 100)))).containsExactly("d", "b", "c", "a");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.latestMessages(bytes("other"), 100)))).containsExactly("elsewhere");
        assertThat(store.read((ClientTransaction tx) -> tx.latestMessages(bytes("none"), 100))).isEmpty();

        assertThatThrownBy(() -> store.read(tx -> tx.messages(bytes("g"), 0, -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markPublishedSetsTheNodeIdAndTime() {
        StoredMessage sent = message("local", "g", 5, "draft");
        store.transaction(tx -> tx.putMessage(sent));

        assertThat(store.transaction((ClientTransaction tx) -> tx.markPublished(bytes("local"), 77, 1234))).isTrue();
        assertThat(store.transaction((ClientTransaction tx) -> tx.markPublished(bytes("unknown"), 78, 1235))).isFalse();

        StoredMessage published = store.read(tx -> tx.message(bytes("local"))).orElseThrow();
        assertThat(published).isEqualTo(new StoredMessage(sent.id(), sent.groupId(), 77, 1234, sent.senderInboxId(),
                sent.senderInstallationId(), sent.kind(), sent.encodedContent(), StoredMessage.Delivery.PUBLISHED));
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 1233, 10)))).containsExactly("draft");
    }

    @Test
    void aWindowOfMessagesIsListedEitherWayWithExclusiveBounds() {
        StoredMessage a = message(id(0x10, "a"), "g", 10, "a");
        StoredMessage b = message(id(0xff, "b"), "g", 20, "b");
        StoredMessage c = message(id(0x01, "c"), "g", 20, "c");
        StoredMessage d = message(id(0x00, "d"), "g", 30, "d");
        store.transaction(tx -> {
            for (StoredMessage m : List.of(d, b, a, c, message(id(0x02, "e"), "other", 15, "elsewhere"))) {
                tx.putMessage(m);
            }
            return null;
        });
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE,
                Long.MAX_VALUE, false, 100)))).containsExactly("a", "c", "b", "d");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE,
                Long.MAX_VALUE, true, 100)))).containsExactly("d", "b", "c", "a");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 10, 30, false, 100))))
                .containsExactly("c", "b");
        assertThat(contents(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 10, 31, true, 2))))
                .containsExactly("d", "b");
        assertThat(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), 20, 20, true, 5))).isEmpty();
    }

    @Test
    void theReadMarkOnlyMovesForwardAndCountsPushedMessagesOfOthersAfterIt() {
        store.transaction(tx -> {
            tx.putGroup(group("g", 1));
            tx.putMessage(message("m1", "g", 10, "from sender"));
            tx.putMessage(new StoredMessage(bytes("m2"), bytes("g"), 0, 20, "me", bytes("i"),
                    StoredMessage.Kind.APPLICATION, bytes("mine"), StoredMessage.Delivery.PUBLISHED, true));
            tx.putMessage(new StoredMessage(bytes("m3"), bytes("g"), 0, 30, "sender", bytes("i"),
                    StoredMessage.Kind.APPLICATION, bytes("a reaction"), StoredMessage.Delivery.PUBLISHED, false));
            tx.putMessage(new StoredMessage(bytes("m4"), bytes("g"), 0, 40, "sender", bytes("i"),
                    StoredMessage.Kind.MEMBERSHIP_CHANGE, bytes("added"), StoredMessage.Delivery.PUBLISHED));
            tx.putMessage(message("m5", "g", 50, "later"));
            tx.putMessage(message("m6", "other", 60, "elsewhere"));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m3"))).orElseThrow().shouldPush()).isFalse();
        assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m4"))).orElseThrow().shouldPush()).isFalse();
        assertThat(store.read((ClientTransaction tx) -> tx.lastReadNs(bytes("g")))).isZero();
        assertThat(store.read((ClientTransaction tx) -> tx.unreadCount(bytes("g"), "me"))).isEqualTo(2);

        assertThat(store.transaction((ClientTransaction tx) -> tx.markRead(bytes("g"), 10))).isTrue();
        assertThat(store.read((ClientTransaction tx) -> tx.unreadCount(bytes("g"), "me"))).isEqualTo(1);
        assertThat(store.transaction((ClientTransaction tx) -> tx.markRead(bytes("g"), 5))).as("never back").isFalse();
        assertThat(store.read((ClientTransaction tx) -> tx.lastReadNs(bytes("g")))).isEqualTo(10);
        assertThat(store.transaction((ClientTransaction tx) -> tx.markRead(bytes("none"), 5))).isFalse();

        store.transaction(tx -> {
            tx.putGroup(tx.group(bytes("g")).orElseThrow().withCursor(9));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.lastReadNs(bytes("g")))).as("putGroup keeps the mark")
                .isEqualTo(10);
        store.transaction(tx -> tx.markRead(bytes("g"), 50));
        assertThat(store.read((ClientTransaction tx) -> tx.unreadCount(bytes("g"), "me"))).isZero();
    }

    @Test
    void consentIsUndecidedUntilSetAndSurvivesGroupWrites() {
        store.transaction(tx -> {
            tx.putGroup(group("g", 1));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.consent(bytes("g")))).isEmpty();
        assertThat(store.transaction((ClientTransaction tx) -> tx.setConsent(bytes("g"),
                io.socon.messaging.api.conversation.ConsentState.DENIED))).isTrue();
        store.transaction(tx -> {
            tx.putGroup(tx.group(bytes("g")).orElseThrow().withCursor(3));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.consent(bytes("g"))))
                .contains(io.socon.messaging.api.conversation.ConsentState.DENIED);
        store.transaction(tx -> tx.setConsent(bytes("g"), io.socon.messaging.api.conversation.ConsentState.UNKNOWN));
        assertThat(store.read((ClientTransaction tx) -> tx.consent(bytes("g")))).isEmpty();
        assertThat(store.transaction((ClientTransaction tx) -> tx.setConsent(bytes("none"),
                io.socon.messaging.api.conversation.ConsentState.ALLOWED))).isFalse();
    }

    @Test
    void theInstallationCheckTimeStartsAtZeroAndSurvivesGroupWrites() {
        store.transaction(tx -> {
            tx.putGroup(group("g", 1));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.installationsCheckedNs(bytes("g")))).isZero();
        assertThat(store.transaction((ClientTransaction tx) -> tx.setInstallationsCheckedNs(bytes("g"), 42))).isTrue();
        store.transaction(tx -> {
            tx.putGroup(tx.group(bytes("g")).orElseThrow().withCursor(3));
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.installationsCheckedNs(bytes("g"))))
                .as("putGroup keeps it").isEqualTo(42);
        assertThat(store.transaction((ClientTransaction tx) -> tx.setInstallationsCheckedNs(bytes("none"), 1)))
                .isFalse();
        assertThat(store.read((ClientTransaction tx) -> tx.installationsCheckedNs(bytes("none")))).isZero();
    }

    // ---------------------------------------------------------------- cursors and identity cache

    @Test
    void cursorsStartAtZeroAndKeepTheLastValue() {
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("welcomes"))).isZero();
        store.transaction(tx -> {
            tx.setCursor("welcomes", 5);
            tx.setCursor("welcomes", 9);
            tx.setCursor("identity", 3);
            return null;
        });
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("welcomes"))).isEqualTo(9);
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("identity"))).isEqualTo(3);
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("other"))).isZero();
    }

    @Test
    void identityUpdatesAreCachedInSequenceOrderSkippingKnownIds() {
        StoredIdentityUpdate one = new StoredIdentityUpdate(1, bytes("u1"));
        StoredIdentityUpdate two = new StoredIdentityUpdate(2, bytes("u2"));
        StoredIdentityUpdate three = new StoredIdentityUpdate(3, bytes("u3"));
        store.transaction(tx -> {
            tx.putIdentityUpdates("inbox-a", List.of(two, one));
            tx.putIdentityUpdates("inbox-a", List.of(new StoredIdentityUpdate(2, bytes("changed")), three, three));
            tx.putIdentityUpdates("inbox-b", List.of(new StoredIdentityUpdate(2, bytes("b2"))));
            tx.putIdentityUpdates("inbox-c", List.of());
            return null;
        });

        assertThat(store.read((ClientTransaction tx) -> tx.identityUpdates("inbox-a"))).containsExactly(one, two, three);
        assertThat(store.read((ClientTransaction tx) -> tx.identityUpdates("inbox-b"))).containsExactly(new StoredIdentityUpdate(2, bytes("b2")));
        assertThat(store.read((ClientTransaction tx) -> tx.identityUpdates("inbox-c"))).isEmpty();
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void aFailingTransactionLeavesNothingAndRethrowsTheSameException() {
        RuntimeException failure = new IllegalStateException("the engine failed");
        assertThatThrownBy(() -> store.transaction(tx -> {
            tx.putIdentity(identity("inbox", "secret"));
            tx.putKeyPackage(new StoredKeyPackage(bytes("init"), bytes("bundle"), 1));
            tx.putGroup(group("g", 1));
            tx.putMessage(message("m", "g", 1, "hi"));
            tx.setCursor("welcomes", 8);
            tx.putIdentityUpdates("inbox", List.of(new StoredIdentityUpdate(1, bytes("u"))));
            throw failure;
        })).isSameAs(failure);

        store.read(tx -> {
            assertThat(tx.identity()).isEmpty();
            assertThat(tx.keyPackages()).isEmpty();
            assertThat(tx.groups()).isEmpty();
            assertThat(tx.message(bytes("m"))).isEmpty();
            assertThat(tx.cursor("welcomes")).isZero();
            assertThat(tx.identityUpdates("inbox")).isEmpty();
            return null;
        });
    }

    @Test
    void anSqlFailureIsAStoreExceptionThatSaysWhatFailedWithoutTheSecret() {
        String secret = "mls-state-secret-plaintext";
        StoredGroup tooLong = new StoredGroup(bytes("g"), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE,
                bytes(secret), bytes(secret), 0, false, "x".repeat(300), 1, 1);

        assertThatThrownBy(() -> store.transaction(tx -> {
            tx.setCursor("before", 1);
            tx.putGroup(tooLong);
            return null;
        })).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot store the group " + HexFormat.of().formatHex(bytes("g")) + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret)
                        .doesNotContain(HexFormat.of().formatHex(bytes(secret))));
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("before"))).isZero();
    }

    @Test
    void transactionsAreSerializedAcrossThreads() throws Exception {
        int threads = 4;
        int increments = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        store.transaction(tx -> {
                            long value = tx.cursor("counter");
                            Thread.yield();
                            tx.setCursor("counter", value + 1);
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("counter"))).isEqualTo((long) threads * increments);
    }

    @Test
    void transactionsDoNotNestAndTheirViewEndsWithThem() {
        assertThatThrownBy(() -> store.transaction(tx -> store.read(ClientTransaction::groups)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");

        AtomicReference<ClientTransaction> leaked = new AtomicReference<>();
        store.transaction(tx -> {
            leaked.set(tx);
            return null;
        });
        assertThatThrownBy(() -> leaked.get().cursor("welcomes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.read(ClientTransaction::groups))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        store = open(dataKey);
    }

    // ---------------------------------------------------------------- durability

    @Test
    void everythingSurvivesClosingAndReopening() {
        StoredIdentity me = identity("inbox", "installation secret");
        StoredKeyPackage keyPackage = new StoredKeyPackage(bytes("init"), bytes("bundle"), 1);
        StoredGroup conversation = group("g", 5);
        StoredMessage hello = message("m", "g", 5, "hello");
        store.transaction(tx -> {
            tx.putIdentity(me);
            tx.putKeyPackage(keyPackage);
            tx.putGroup(conversation);
            tx.putMessage(hello);
            tx.setCursor("welcomes", 12);
            tx.putIdentityUpdates("inbox", List.of(new StoredIdentityUpdate(1, bytes("u"))));
            return null;
        });
        store.close();

        store = open(DataKey.wrappedBy(vault, VAULT_KEY));
        store.read(tx -> {
            assertThat(tx.identity()).contains(me);
            assertThat(tx.keyPackages()).containsExactly(keyPackage);
            assertThat(tx.groups()).containsExactly(conversation);
            assertThat(tx.message(bytes("m"))).contains(hello);
            assertThat(tx.cursor("welcomes")).isEqualTo(12);
            assertThat(tx.identityUpdates("inbox")).containsExactly(new StoredIdentityUpdate(1, bytes("u")));
            return null;
        });
    }

    // ---------------------------------------------------------------- encryption at rest

    @Test
    void secretColumnsHoldNoPlaintextAndFreshNoncesPerWrite() throws Exception {
        byte[] installationKey = bytes("INSTALLATION-PRIVATE-KEY-PLAINTEXT");
        byte[] bundle = bytes("KEY-PACKAGE-BUNDLE-PLAINTEXT");
        byte[] state = bytes("MLS-STATE-PLAINTEXT");
        byte[] keys = bytes("MLS-KEYS-PLAINTEXT");
        byte[] content = bytes("MESSAGE-CONTENT-PLAINTEXT");
        StoredIdentity me = new StoredIdentity("inbox", "0xabc", bytes("pub"), "sealed:", installationKey, true, 1);
        store.transaction(tx -> {
            tx.putIdentity(me);
            tx.putKeyPackage(new StoredKeyPackage(bytes("init"), bundle, 1));
            tx.putGroup(new StoredGroup(bytes("g1"), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE, state,
                    keys, 0, false, "me", 1, 1));
            tx.putGroup(new StoredGroup(bytes("g2"), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE, state,
                    keys, 0, false, "me", 1, 1));
            tx.putMessage(message(bytes("m"), "g1", 1, "MESSAGE-CONTENT-PLAINTEXT"));
            return null;
        });

        byte[] rawIdentity = rawColumn("client_identity", "sealed_installation_key", "installation_public_key", bytes("pub"));
        byte[] rawBundle = rawColumn("client_key_packages", "bundle", "hpke_public_key", bytes("init"));
        byte[] rawState = rawColumn("client_groups", "mls_state", "group_id", bytes("g1"));
        byte[] rawKeys = rawColumn("client_groups", "mls_keys", "group_id", bytes("g1"));
        byte[] rawContent = rawColumn("client_messages", "encoded_content", "id", bytes("m"));
        assertThat(contains(rawIdentity, installationKey)).isFalse();
        assertThat(contains(rawBundle, bundle)).isFalse();
        assertThat(contains(rawState, state)).isFalse();
        assertThat(contains(rawKeys, keys)).isFalse();
        assertThat(contains(rawContent, content)).isFalse();
        // version byte, 12-byte nonce, ciphertext, 16-byte tag
        assertThat(rawState).hasSize(1 + 12 + state.length + 16);
        // the same plaintext in another row is another ciphertext
        assertThat(rawColumn("client_groups", "mls_state", "group_id", bytes("g2"))).isNotEqualTo(rawState);

        // the wrapped data key is not the data key in clear: it opens only with the vault
        try (Connection connection = rawConnection();
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT vault_key_uri, wrapped_key FROM client_data_key")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(VAULT_KEY.value());
            assertThat(vault.decrypt(VAULT_KEY, row.getBytes(2), bytes("socon-messaging/client-store/data-key/v1")))
                    .hasSize(32);
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void aCiphertextCopiedIntoAnotherRowOrColumnDoesNotDecrypt() throws Exception {
        store.transaction(tx -> {
            tx.putGroup(group("g1", 1));
            tx.putGroup(group("g2", 2));
            tx.putMessage(message("m1", "g1", 1, "first"));
            tx.putMessage(message("m2", "g1", 2, "second"));
            return null;
        });
        setRawColumn("client_groups", "mls_state", "group_id", bytes("g2"),
                rawColumn("client_groups", "mls_state", "group_id", bytes("g1")));
        setRawColumn("client_messages", "encoded_content", "id", bytes("m2"),
                rawColumn("client_messages", "encoded_content", "id", bytes("m1")));

        assertThatThrownBy(() -> store.read(tx -> tx.group(bytes("g2"))))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot decrypt client_groups.mls_state of row " + HexFormat.of().formatHex(bytes("g2"))
                        + ": the stored value was altered, copied from another row or column, or encrypted with"
                        + " another data key");
        assertThatThrownBy(() -> store.read(tx -> tx.messages(bytes("g1"), Long.MIN_VALUE, 10)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot decrypt client_messages.encoded_content of row "
                        + HexFormat.of().formatHex(bytes("m2")));
        // the untouched rows still read
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("g1")))).contains(group("g1", 1));
        assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m1")))).contains(message("m1", "g1", 1, "first"));

        // a column swapped within one row fails too
        setRawColumn("client_groups", "mls_keys", "group_id", bytes("g1"),
                rawColumn("client_groups", "mls_state", "group_id", bytes("g1")));
        assertThatThrownBy(() -> store.read(tx -> tx.group(bytes("g1"))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot decrypt client_groups.mls_keys of row");
    }

    @Test
    void anotherVaultKeyCannotUnlockTheData() {
        store.transaction(tx -> {
            tx.putGroup(group("g", 1));
            return null;
        });
        store.close();

        try (InMemoryKeyVault other = new InMemoryKeyVault()) {
            other.generate(VAULT_KEY, KeyKind.AES_256_GCM);
            assertThatThrownBy(() -> open(DataKey.wrappedBy(other, VAULT_KEY)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot unlock the local data: the vault key " + VAULT_KEY)
                    .hasMessageContaining("DECRYPTION_FAILED");
        }
        try (InMemoryKeyVault empty = new InMemoryKeyVault()) {
            assertThatThrownBy(() -> open(DataKey.wrappedBy(empty, VAULT_KEY)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot unlock the local data")
                    .hasMessageContaining("KEY_NOT_FOUND");
        }
        KeyUri otherUri = KeyUri.of("memory://client/another-key");
        vault.generate(otherUri, KeyKind.AES_256_GCM);
        assertThatThrownBy(() -> open(DataKey.wrappedBy(vault, otherUri)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot unlock the local data")
                .hasMessageContaining("(it was wrapped by " + VAULT_KEY + ")");

        // the right key still opens it
        store = open(DataKey.wrappedBy(vault, VAULT_KEY));
        assertThat(store.read((ClientTransaction tx) -> tx.group(bytes("g")))).contains(group("g", 1));
    }

    @Test
    void aVaultKeyThatCannotEncryptFailsClearlyOnFirstOpen() throws Exception {
        url = newDatabase();
        KeyUri signingKey = KeyUri.of("memory://client/signing");
        vault.generate(signingKey, KeyKind.ED25519);
        assertThatThrownBy(() -> open(DataKey.wrappedBy(vault, signingKey)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the local data key: the vault key " + signingKey)
                .hasMessageContaining("WRONG_KIND");
        assertThatThrownBy(() -> DataKey.wrappedBy(vault, KeyUri.of("file-vault://x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- many stores in one database

    @Test
    void storesInOneDatabaseSeeOnlyTheirOwnRowsAndOpenOnlyWithTheirOwnKey() throws Exception {
        String shared = newDatabase();
        KeyUri aliceKey = KeyUri.of("memory://client/alice");
        KeyUri bobKey = KeyUri.of("memory://client/bob");
        byte[] groupId = bytes("one group both are in");
        try (ClientDatabase database = ClientDatabase.open(shared, user(), null, 4)) {
            JdbcClientStore alice = database.open("alice", DataKey.wrappedBy(vault, aliceKey));
            JdbcClientStore bob = database.open("bob", DataKey.wrappedBy(vault, bobKey));
            try (alice; bob) {
                assertThat(database.contains("alice")).isTrue();
                assertThat(database.contains("carol")).isFalse();
                for (JdbcClientStore each : List.of(alice, bob)) {
                    String who = each.storeId();
                    each.transaction(tx -> {
                        tx.putIdentity(identity("inbox-" + who, "secret of " + who));
                        tx.putKeyPackage(new StoredKeyPackage(bytes("init"), bytes("bundle of " + who), 1));
                        tx.putGroup(new StoredGroup(groupId, StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE,
                                bytes("state of " + who), bytes("keys of " + who), 7, false, "creator", 1, 1));
                        // the same message id in both: each member stores the group's message
                        tx.putMessage(message("m", "one group both are in", 5, "as " + who + " read it"));
                        tx.putOutgoing(bytes("hash"), groupId, bytes("m"), 1);
                        tx.putPendingCommit(new StoredPendingCommit(groupId, bytes("commit"), bytes("s " + who),
                                bytes("k " + who), bytes("plan " + who), 1));
                        tx.setCursor("welcomes", who.length());
                        tx.putIdentityUpdates("peer", List.of(new StoredIdentityUpdate(1, bytes("u"))));
                        return null;
                    });
                }
                assertThat(alice.transaction((ClientTransaction tx) -> tx.markRead(groupId, 10))).isTrue();
                assertThat(bob.transaction((ClientTransaction tx) -> tx.deleteKeyPackage(bytes("init")))).isTrue();

                alice.read((ClientTransaction tx) -> {
                    assertThat(tx.identity()).map(StoredIdentity::inboxId).contains("inbox-alice");
                    assertThat(tx.keyPackages()).extracting(k -> new String(k.bundle(), StandardCharsets.UTF_8))
                            .containsExactly("bundle of alice");
                    assertThat(tx.groups()).singleElement()
                            .satisfies(g -> assertThat(g.mlsState()).isEqualTo(bytes("state of alice")));
                    assertThat(contents(tx.messages(groupId, Long.MIN_VALUE, 10))).containsExactly("as alice read it");
                    assertThat(tx.lastReadNs(groupId)).isEqualTo(10);
                    assertThat(tx.cursor("welcomes")).isEqualTo(5);
                    assertThat(tx.pendingCommit(groupId)).map(c -> new String(c.welcomePlan(), StandardCharsets.UTF_8))
                            .contains("plan alice");
                    return null;
                });
                bob.read((ClientTransaction tx) -> {
                    assertThat(tx.identity()).map(StoredIdentity::inboxId).contains("inbox-bob");
                    assertThat(tx.keyPackages()).isEmpty();
                    assertThat(contents(tx.messages(groupId, Long.MIN_VALUE, 10))).containsExactly("as bob read it");
                    assertThat(tx.lastReadNs(groupId)).isZero();
                    assertThat(tx.cursor("welcomes")).isEqualTo(3);
                    assertThat(tx.identityUpdates("peer")).hasSize(1);
                    return null;
                });
                assertThat(bob.transaction((ClientTransaction tx) -> tx.deleteOutgoing(bytes("m")))).isEqualTo(1);
                assertThat(alice.read((ClientTransaction tx) -> tx.outgoingMessageId(bytes("hash")))).isPresent();
            }
            // reopened, each store still opens only with its own vault key
            assertThatThrownBy(() -> database.open("bob", DataKey.wrappedBy(vault, aliceKey)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("(it was wrapped by " + bobKey + ")");
            try (JdbcClientStore again = database.open("bob", DataKey.wrappedBy(vault, bobKey))) {
                assertThat(again.read((ClientTransaction tx) -> tx.group(groupId))).map(StoredGroup::mlsState)
                        .contains(bytes("state of bob"));
            }
            assertThatThrownBy(() -> database.open("Not A Store Id", DataKey.wrappedBy(vault, bobKey)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 64 lowercase letters");
        }
    }

    @Test
    void aDatabaseOfTheSingleStoreSchemaBecomesTheDefaultStoreWithNothingLost() throws Exception {
        String old = newDatabase();
        // the schema as version 2 left it, with rows written as version 2 wrote them
        org.flywaydb.core.Flyway.configure(ClientMigrations.class.getClassLoader())
                .dataSource(old, user(), null)
                .resourceProvider(new ClientMigrations())
                .locations("classpath:db/client")
                .table(ClientMigrations.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("2")
                .load()
                .migrate();
        byte[] rawKey = FieldCipher.newDataKey();
        byte[] groupId = bytes("g");
        try (FieldCipher cipher = new FieldCipher(rawKey);
                Connection connection = DriverManager.getConnection(old, user(), null)) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_data_key"
                    + " (id, vault_key_uri, wrapped_key, created_ns) VALUES (1, ?, ?, 1)")) {
                insert.setString(1, VAULT_KEY.value());
                insert.setBytes(2, dataKey.wrap(rawKey));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_groups (group_id, kind,"
                    + " dm_peer_inbox_id, status, mls_state, mls_keys, message_cursor, needs_key_update,"
                    + " added_by_inbox_id, created_ns, last_activity_ns, last_read_ns, consent)"
                    + " VALUES (?, 'DM', 'peer', 'ACTIVE', ?, ?, 9, FALSE, 'peer', 1, 2, 3, 'ALLOWED')")) {
                insert.setBytes(1, groupId);
                insert.setBytes(2, cipher.seal("client_groups", "mls_state", groupId, bytes("old state")));
                insert.setBytes(3, cipher.seal("client_groups", "mls_keys", groupId, bytes("old keys")));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client_messages (id, group_id,"
                    + " node_id, sent_at_ns, sender_inbox_id, sender_installation_id, kind, encoded_content, delivery,"
                    + " should_push) VALUES (?, ?, 4, 5, 'peer', ?, 'APPLICATION', ?, 'PUBLISHED', TRUE)")) {
                insert.setBytes(1, bytes("m"));
                insert.setBytes(2, groupId);
                insert.setBytes(3, bytes("installation"));
                insert.setBytes(4, cipher.seal("client_messages", "encoded_content", bytes("m"), bytes("old text")));
                insert.executeUpdate();
            }
            connection.createStatement().executeUpdate(
                    "INSERT INTO client_cursors (cursor_name, cursor_value) VALUES ('welcomes', 11)");
        } finally {
            java.util.Arrays.fill(rawKey, (byte) 0);
        }

        try (JdbcClientStore migrated = JdbcClientStore.open(old, user(), null, dataKey)) {
            assertThat(migrated.storeId()).isEqualTo(JdbcClientStore.DEFAULT_STORE);
            migrated.read(tx -> {
                StoredGroup g = tx.group(groupId).orElseThrow();
                assertThat(g.mlsState()).isEqualTo(bytes("old state"));
                assertThat(g.messageCursor()).isEqualTo(9);
                assertThat(tx.dmWith("peer")).isPresent();
                assertThat(tx.lastReadNs(groupId)).isEqualTo(3);
                assertThat(tx.consent(groupId)).contains(io.socon.messaging.api.conversation.ConsentState.ALLOWED);
                assertThat(contents(tx.messages(groupId, Long.MIN_VALUE, 10))).containsExactly("old text");
                assertThat(tx.unreadCount(groupId, "me")).isEqualTo(1);
                assertThat(tx.cursor("welcomes")).isEqualTo(11);
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- sharing a database with the node

    @Test
    void theClientAndNodeSchemasShareOneDatabaseInEitherOrder() throws Exception {
        // this test's database already has the client schema: add the node's
        try (NodeStore node = JdbcNodeStore.open(url, user(), null)) {
            assertThat(node.identityUpdates("inbox", 0)).isEmpty();
        }
        store.close();
        store = open(dataKey);
        assertThat(store.read((ClientTransaction tx) -> tx.cursor("x"))).isZero();

        // and a database with the node schema first
        String nodeFirst = newDatabase();
        try (NodeStore node = JdbcNodeStore.open(nodeFirst, user(), null);
                JdbcClientStore client = JdbcClientStore.open(nodeFirst, user(), null, dataKey)) {
            client.transaction(tx -> {
                tx.putGroup(group("g", 1));
                return null;
            });
            assertThat(client.read(ClientTransaction::groups)).hasSize(1);
            assertThat(node.identityUpdates("inbox", 0)).isEmpty();
        }
    }
}
