package io.socon.messaging.impl.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.socon.messaging.impl.node.NodeLimits;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded node's host application carries every host user's traffic on one connection: with the node's
 * trusted-client token that connection is not rate-limited, while any other client (a wrong token, no token)
 * still is.
 */
class TrustedClientTest {

    @TempDir
    Path dir;

    @Test
    void theApplicationsOwnConnectionIsNotRateLimitedAndOthersStillAre() throws Exception {
        NodeSettings settings = NodeSettings.defaults().withPort(0)
                .withLimits(new NodeLimits(1024 * 1024, 1024, 5, 2, Duration.ofHours(1)));
        try (JdbcNodeStore store = JdbcNodeStore.open(Database.h2Url(dir), null, null);
             NodeServer node = NodeServer.start(settings, store, XmtpNodeValidation.create(), "s3cret-token")) {
            URI uri = URI.create("http://127.0.0.1:" + node.port());
            ConnectionSettings once = ConnectionSettings.defaults().withRetry(1, ConnectionSettings.DEFAULT_RETRY);
            try (NodeConnection trusted = NodeConnection.open(uri, once.withTrustedClientToken("s3cret-token"))) {
                for (int i = 0; i < 20; i++) {
                    assertThat(trusted.getInboxIds(List.of("0x" + "1".repeat(40)))).isEmpty();
                }
            }
            try (NodeConnection impostor = NodeConnection.open(uri, once.withTrustedClientToken("guess"))) {
                for (int i = 0; i < 5; i++) {
                    impostor.getInboxIds(List.of("0x" + "1".repeat(40)));
                }
                assertThatThrownBy(() -> impostor.getInboxIds(List.of("0x" + "1".repeat(40))))
                        .isInstanceOf(NodeException.class)
                        .satisfies(e -> assertThat(((NodeException) e).status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
            }
        }
    }
}
