package io.socon.messaging.impl.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.PageRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node store on the embedded default: H2 in a file. */
class H2NodeStoreTest extends NodeStoreContract {

    @TempDir
    Path dir;

    @Override
    protected NodeStore openStore() {
        return JdbcNodeStore.open(Database.h2Url(dir), null, null);
    }

    @Test
    void dataSurvivesReopening() {
        store.appendGroupMessages(List.of(message("g", "kept")));
        store.close();

        store = openStore();
        assertThat(store.groupMessages(bytes("g"), PageRequest.ascendingAfter(0, 10))).hasSize(1);
        assertThat(store.appendGroupMessages(List.of(message("g", "next"))).get(0).id()).isEqualTo(2L);
    }
}
