package io.socon.messaging.impl.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The directory's migrations Flyway is told about are exactly the files in db/messaging, with Liberty's marker. */
class DirectoryMigrationsTest {

    @Test
    void everyMigrationFileIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", DirectoryMigrations.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList())
                    .as("add new migrations to DirectoryMigrations.FILES").isEqualTo(DirectoryMigrations.FILES);
        }
        assertThat(Path.of("src/main/resources", DirectoryMigrations.FOLDER, "flyway.location")).exists();
    }
}
