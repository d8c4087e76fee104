package io.socon.messaging.impl.store.client.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migrations Flyway is told about are exactly the files in db/client, and the folder has Liberty's marker. */
class ClientMigrationsTest {

    @Test
    void everyMigrationFileIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", ClientMigrations.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList())
                    .as("add new migrations to ClientMigrations.FILES").isEqualTo(ClientMigrations.FILES);
        }
        assertThat(new ClientMigrations().getResources("V", new String[] {".sql"})).hasSize(ClientMigrations.FILES.size());
        assertThat(Path.of("src/main/resources", ClientMigrations.FOLDER, "flyway.location"))
                .as("Flyway inside Open Liberty needs a marker in every scanned folder").exists();
    }
}
