package io.socon.messaging.impl.store.jdbc;

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
 * Schema migrations named one by one rather than found by scanning the classpath: Flyway's scanner cannot list
 * resources inside application servers' archives (Open Liberty's {@code wsjar:} URLs), where it would silently
 * find none. Each schema (node, client store, user directory) lists its files in a subclass and keeps its own
 * history table, so all of them can share one database in any order.
 */
public class ListedMigrations implements ResourceProvider {

    private final String folder;
    private final List<String> files;

    /**
     * @param folder the classpath folder, with a trailing slash (e.g. {@code db/node/}); it must hold an empty
     *               {@code flyway.location} marker for Liberty
     * @param files  every migration in it, in version order
     */
    protected ListedMigrations(String folder, List<String> files) {
        this.folder = folder;
        this.files = List.copyOf(files);
    }

    /**
     * Brings the schema to its current version.
     *
     * @param historyTable Flyway's history table for this schema
     * @param what         what the schema is, for the error message
     * @throws StoreException if a migration fails
     */
    public final void migrate(DataSource dataSource, String historyTable, String what) {
        String location = "classpath:" + folder.substring(0, folder.length() - 1);
        try {
            Flyway.configure(ListedMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .resourceProvider(this)
                    // Only our folder, never Flyway's defaults (db/migration, db/callback): inside Liberty every
                    // location Flyway scans must hold a flyway.location marker, or it logs errors.
                    .locations(location)
                    .callbackLocations(location)
                    .table(historyTable)
                    // The database may already hold another schema's tables: start from version 0 then, so that
                    // V1 still runs.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final LoadableResource getResource(String name) {
        return files.contains(name) ? new Migration(name) : null;
    }

    @Override
    public final Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return files.stream()
                .filter(file -> file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .<LoadableResource>map(Migration::new)
                .toList();
    }

    private final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = ListedMigrations.class.getClassLoader().getResourceAsStream(folder + file);
            if (in == null) {
                throw new IllegalStateException("migration " + folder + file + " is missing from the classpath");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return folder + file;
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
