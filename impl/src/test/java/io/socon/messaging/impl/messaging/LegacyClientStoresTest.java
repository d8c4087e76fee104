package io.socon.messaging.impl.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.identity.HostUserKeys;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.store.client.jdbc.ClientDatabase;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyUri;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-user H2 stores of earlier versions are copied into the messaging database once, and kept on disk. */
class LegacyClientStoresTest {

    static final String ALICE = "a1".repeat(32);
    static final String BOB = "b2".repeat(32);

    @TempDir
    Path dir;

    final InMemoryKeyVault vault = new InMemoryKeyVault();

    @AfterEach
    void closeVault() {
        vault.close();
    }

    DataKey key(String hash) {
        return DataKey.wrappedBy(vault, KeyUri.of("memory://socon/store/" + hash));
    }

    Path legacyStore(String hash, String text) {
        Path folder = dir.resolve("users").resolve(hash.substring(0, 2)).resolve(hash);
        try (JdbcClientStore old = JdbcClientStore.openH2(folder, key(hash))) {
            old.transaction(tx -> {
                tx.putGroup(new StoredGroup(bytes("g"), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE,
                        bytes("state " + hash), bytes("keys"), 3, false, "me", 1, 2));
                tx.putMessage(new StoredMessage(bytes("m"), bytes("g"), 1, 5, "peer", bytes("i"),
                        StoredMessage.Kind.APPLICATION, bytes(text), StoredMessage.Delivery.PUBLISHED));
                tx.setCursor("welcomes", 7);
                return null;
            });
        }
        return folder;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachPerUserStoreIsCopiedOnceWithItsDataAndItsFolderKept() throws Exception {
        Path alice = legacyStore(ALICE, "hello from alice's old store");
        Path bob = legacyStore(BOB, "bob's text");
        Files.createDirectories(dir.resolve("users").resolve("zz").resolve("not-a-user"));

        try (HikariDataSource pool = Database.pool("jdbc:h2:file:" + dir.resolve("shared").resolve("db"), null, null,
                "test", 4, "the test database");
                ClientDatabase database = ClientDatabase.on(pool)) {
            assertThat(LegacyClientStores.importInto(dir.resolve("users"), database)).isEqualTo(2);

            assertThat(alice).doesNotExist();
            assertThat(alice.resolveSibling(ALICE + LegacyClientStores.IMPORTED_SUFFIX)).isDirectory();
            assertThat(bob.resolveSibling(BOB + LegacyClientStores.IMPORTED_SUFFIX)).isDirectory();
            try (JdbcClientStore store = database.open(ALICE, key(ALICE))) {
                store.read((ClientTransaction tx) -> {
                    assertThat(tx.group(bytes("g")).orElseThrow().mlsState()).isEqualTo(bytes("state " + ALICE));
                    assertThat(tx.messages(bytes("g"), Long.MIN_VALUE, 10)).singleElement()
                            .satisfies(m -> assertThat(m.encodedContent()).isEqualTo(bytes("hello from alice's old store")));
                    assertThat(tx.cursor("welcomes")).isEqualTo(7);
                    return null;
                });
            }
            try (JdbcClientStore store = database.open(BOB, key(BOB))) {
                assertThat(store.read((ClientTransaction tx) -> tx.message(bytes("m")))).get()
                        .satisfies(m -> assertThat(m.encodedContent()).isEqualTo(bytes("bob's text")));
            }

            // nothing left to import; and a store found again (renamed back) is not copied twice
            assertThat(LegacyClientStores.importInto(dir.resolve("users"), database)).isZero();
            Files.move(alice.resolveSibling(ALICE + LegacyClientStores.IMPORTED_SUFFIX), alice);
            assertThat(LegacyClientStores.importInto(dir.resolve("users"), database)).isZero();
            assertThat(alice).doesNotExist();
            try (JdbcClientStore store = database.open(ALICE, key(ALICE))) {
                assertThat(store.read((ClientTransaction tx) -> tx.messages(bytes("g"), Long.MIN_VALUE, 10)))
                        .hasSize(1);
            }
        }
    }

    @Test
    void theServiceImportsThemIntoItsDatabaseAtStart() {
        String hash = HostUserKeys.hash(io.socon.messaging.api.HostUser.of("alice"));
        Path folder = dir.resolve("users").resolve(hash.substring(0, 2)).resolve(hash);
        try (JdbcClientStore old = JdbcClientStore.openH2(folder,
                DataKey.wrappedBy(vault, HostUserKeys.storeKey("memory://", hash)))) {
            old.transaction(tx -> {
                tx.setCursor("welcomes", 7);
                return null;
            });
        }
        // the node is never reached: nobody opens an inbox
        MessagingService service = MessagingService.builder().node(java.net.URI.create("http://127.0.0.1:9"))
                .keyVault(vault, "memory://").dataDirectory(dir).build();
        service.close();
        assertThat(folder).doesNotExist();
        assertThat(folder.resolveSibling(hash + LegacyClientStores.IMPORTED_SUFFIX)).isDirectory();
        try (HikariDataSource pool = Database.pool("jdbc:h2:file:" + dir.resolve("directory").resolve("socon-messaging"),
                null, null, "test", 2, "the messaging database");
                ClientDatabase database = ClientDatabase.on(pool)) {
            assertThat(database.contains(hash)).isTrue();
        }
    }

    @Test
    void noUsersFolderMeansNothingToImport() {
        try (HikariDataSource pool = Database.pool("jdbc:h2:mem:legacy-none", null, null, "test", 2, "db");
                ClientDatabase database = ClientDatabase.on(pool)) {
            assertThat(LegacyClientStores.importInto(dir.resolve("users"), database)).isZero();
        }
    }
}
