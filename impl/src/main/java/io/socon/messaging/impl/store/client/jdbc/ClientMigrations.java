package io.socon.messaging.impl.store.client.jdbc;

import io.socon.messaging.impl.store.StoreException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The client store's schema migrations, named one by one rather than found by scanning the classpath: Flyway's
 * scanner cannot list resources inside application servers' archives (Open Liberty's {@code wsjar:} URLs),
 * where it would silently find none. Add every new {@code db/client/V*.sql} file to {@link #FILES}.
 *
 * <p>The client schema has its own folder and its own history table, so it can live in the same database as
 * the node's schema ({@code db/node}, {@code socon_node_schema_history}).
 */
final class ClientMigrations implements ResourceProvider {

    static final String FOLDER = "db/client/";

    /** Flyway's history table for the client schema. */
    static final String HISTORY_TABLE = "socon_client_schema_history";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__client_schema.sql", "V2__read_state_and_consent.sql");

    /** Brings the client's tables to the current schema version. */
    static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(ClientMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .resourceProvider(new ClientMigrations())
                    // Only our folder, never Flyway's defaults (db/migration, db/callback): inside Liberty every
                    // location Flyway scans must hold a flyway.location marker, or it logs errors.
                    .locations("classpath:db/client")
                    .callbackLocations("classpath:db/client")
                    .table(HISTORY_TABLE)
                    // The database may already hold other tables (the node's): start from version 0 then, so
                    // that V1 still runs.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the client's database schema: " + e.getMessage(), e);
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        return FILES.contains(name) ? new Migration(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return FILES.stream()
                .filter(file -> file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .<LoadableResource>map(Migration::new)
                .toList();
    }

    private static final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = ClientMigrations.class.getClassLoader().getResourceAsStream(FOLDER + file);
            if (in == null) {
                throw new IllegalStateException("migration " + FOLDER + file + " is missing from the classpath");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return null;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
