package io.socon.messaging.impl.node;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that talk to a fresh node (see {@link NodeFixture}) over gRPC. */
abstract class RunningNodeTest {

    @TempDir
    Path dir;

    NodeFixture node;

    @BeforeEach
    void startNode() throws IOException {
        node = new NodeFixture(dir);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }
}
