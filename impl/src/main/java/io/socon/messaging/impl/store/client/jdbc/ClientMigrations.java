package io.socon.messaging.impl.store.client.jdbc;

import io.socon.messaging.impl.store.jdbc.ListedMigrations;
import java.util.List;
import javax.sql.DataSource;

/**
 * The client store's schema migrations ({@code db/client}), with their own history table so the client schema
 * can live in the same database as the node's. Add every new {@code db/client/V*.sql} file to {@link #FILES}.
 */
final class ClientMigrations extends ListedMigrations {

    static final String FOLDER = "db/client/";

    /** Flyway's history table for the client schema. */
    static final String HISTORY_TABLE = "socon_client_schema_history";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__client_schema.sql", "V2__read_state_and_consent.sql",
            "V3__store_id.sql", "V4__installations_checked.sql");

    ClientMigrations() {
        super(FOLDER, FILES);
    }

    /** Brings the client's tables to the current schema version. */
    static void migrate(DataSource dataSource) {
        new ClientMigrations().migrate(dataSource, HISTORY_TABLE, "the client's database schema");
    }
}
