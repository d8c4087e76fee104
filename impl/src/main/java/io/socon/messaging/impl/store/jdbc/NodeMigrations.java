package io.socon.messaging.impl.store.jdbc;

import java.util.List;

/** The node's schema migrations ({@code db/node}). Add every new {@code db/node/V*.sql} file to {@link #FILES}. */
final class NodeMigrations extends ListedMigrations {

    static final String FOLDER = "db/node/";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__node_schema.sql");

    NodeMigrations() {
        super(FOLDER, FILES);
    }
}
