package io.socon.messaging.impl.store.client.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredIdentity;
import io.socon.messaging.impl.store.client.StoredKeyPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client store on the embedded default: H2 in a file, opened with {@link JdbcClientStore#openH2}. */
class H2ClientStoreTest extends ClientStoreContract {

    @TempDir
    Path root;

    private Path directory;
    private int databases;

    @Override
    protected String newDatabase() {
        directory = root.resolve("client-" + ++databases);
        return JdbcClientStore.h2Url(directory);
    }

    @Override
    protected JdbcClientStore open(DataKey key) {
        return JdbcClientStore.openH2(directory, key);
    }

    @Test
    void theDatabaseFilesHoldNoSecretInClear() throws IOException {
        store.transaction(tx -> {
            tx.putIdentity(new StoredIdentity("INBOX-IN-CLEAR", "0xabc", bytes("pub"), "sealed:",
                    bytes("INSTALLATION-KEY-SECRET"), true, 1));
            tx.putKeyPackage(new StoredKeyPackage(bytes("init"), bytes("KEY-PACKAGE-SECRET"), 1));
            tx.putGroup(new StoredGroup(bytes("g"), StoredGroup.Kind.GROUP, null, StoredGroup.Status.ACTIVE,
                    bytes("MLS-STATE-SECRET"), bytes("MLS-KEYS-SECRET"), 0, false, "me", 1, 1));
            tx.putMessage(message("m", "g", 1, "MESSAGE-CONTENT-SECRET"));
            return null;
        });
        store.close();

        byte[] files = allBytes(directory);
        assertThat(contains(files, bytes("INBOX-IN-CLEAR"))).as("the clear fields are in the files").isTrue();
        for (String secret : List.of("INSTALLATION-KEY-SECRET", "KEY-PACKAGE-SECRET", "MLS-STATE-SECRET",
                "MLS-KEYS-SECRET", "MESSAGE-CONTENT-SECRET")) {
            assertThat(contains(files, bytes(secret))).as(secret).isFalse();
        }
        store = open(dataKey);
    }

    private static byte[] allBytes(Path directory) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.write(Files.readAllBytes(file));
            }
        }
        return out.toByteArray();
    }
}
