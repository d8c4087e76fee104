package io.socon.messaging.impl.messaging;

import io.socon.messaging.impl.store.jdbc.ListedMigrations;
import java.util.List;
import javax.sql.DataSource;

/**
 * The user directory's schema migrations ({@code db/messaging}), with their own history table
 * {@code socon_messaging_schema_history}, so the directory can share a database with the node's and the
 * clients'. Add every new {@code db/messaging/V*.sql} file to {@link #FILES}.
 */
final class DirectoryMigrations extends ListedMigrations {

    static final String FOLDER = "db/messaging/";
    static final String HISTORY_TABLE = "socon_messaging_schema_history";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__user_directory.sql");

    DirectoryMigrations() {
        super(FOLDER, FILES);
    }

    static void migrate(DataSource dataSource) {
        new DirectoryMigrations().migrate(dataSource, HISTORY_TABLE, "the messaging directory's schema");
    }
}
