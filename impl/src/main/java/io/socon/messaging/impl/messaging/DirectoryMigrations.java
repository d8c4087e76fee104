package io.socon.messaging.impl.messaging;

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
 * The user directory's schema migrations ({@code db/messaging}), named one by one as the client store's are (see
 * {@code ClientMigrations}: Flyway cannot scan archives inside application servers). History table
 * {@code socon_messaging_schema_history}, so the directory can share a database with the node's and the clients'.
 */
final class DirectoryMigrations implements ResourceProvider {

    static final String FOLDER = "db/messaging/";
    static final String HISTORY_TABLE = "socon_messaging_schema_history";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__user_directory.sql");

    static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(DirectoryMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .resourceProvider(new DirectoryMigrations())
                    .locations("classpath:db/messaging")
                    .callbackLocations("classpath:db/messaging")
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the messaging directory's schema: " + e.getMessage(), e);
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
            InputStream in = DirectoryMigrations.class.getClassLoader().getResourceAsStream(FOLDER + file);
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
