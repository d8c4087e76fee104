package io.socon.messaging.impl.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migrations Flyway is told about are exactly the files in db/node. */
class NodeMigrationsTest {

    @Test
    void everyMigrationFileIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", NodeMigrations.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList())
                    .as("add new migrations to NodeMigrations.FILES").isEqualTo(NodeMigrations.FILES);
        }
        assertThat(new NodeMigrations().getResources("V", new String[] {".sql"})).hasSize(NodeMigrations.FILES.size());
    }
}
