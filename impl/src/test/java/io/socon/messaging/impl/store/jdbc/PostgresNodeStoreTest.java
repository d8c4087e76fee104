package io.socon.messaging.impl.store.jdbc;

import io.socon.messaging.impl.store.NodeStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The node store on a real PostgreSQL server (started from Maven artifacts for the test). */
class PostgresNodeStoreTest extends NodeStoreContract {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected NodeStore openStore() throws Exception {
        String database = "node_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        // every other test opens by URL with its own pool; this one uses a data source the caller owns
        if (DATABASES.get() % 2 == 0) {
            return JdbcNodeStore.on(postgres.getDatabase("postgres", database));
        }
        return JdbcNodeStore.open(postgres.getJdbcUrl("postgres", database), "postgres", null);
    }
}
