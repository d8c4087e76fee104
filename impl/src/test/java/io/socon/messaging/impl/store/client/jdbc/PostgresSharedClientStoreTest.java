package io.socon.messaging.impl.store.client.jdbc;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole client store contract on a store of a {@link ClientDatabase}: many stores in one PostgreSQL database,
 * as a server keeps its host users' state. The store under test is named like a host user (64 hex digits).
 */
class PostgresSharedClientStoreTest extends PostgresClientStoreTest {

    static final String STORE_ID = "0f".repeat(32);

    private final Map<String, ClientDatabase> databases = new HashMap<>();

    @Override
    protected JdbcClientStore open(DataKey key) {
        ClientDatabase database = databases.computeIfAbsent(url, u -> ClientDatabase.open(u, user(), null, 4));
        return database.open(STORE_ID, key);
    }

    @AfterEach
    void closeDatabases() {
        store.close();
        databases.values().forEach(ClientDatabase::close);
    }
}
