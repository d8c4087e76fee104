package io.socon.messaging.impl.store.jdbc;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The node's schema migrations, named one by one rather than found by scanning the classpath: Flyway's
 * scanner cannot list resources inside application servers' archives (Open Liberty's {@code wsjar:}
 * URLs), where it would silently find none. Add every new {@code db/node/V*.sql} file to {@link #FILES}.
 */
final class NodeMigrations implements ResourceProvider {

    static final String FOLDER = "db/node/";

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__node_schema.sql");

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
            InputStream in = NodeMigrations.class.getClassLoader().getResourceAsStream(FOLDER + file);
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
