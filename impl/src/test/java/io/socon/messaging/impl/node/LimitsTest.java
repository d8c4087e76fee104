package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payload, request-size and rate limits, each configured small so that a test can cross it. */
class LimitsTest {

    @TempDir
    Path dir;

    @Test
    void anOversizedPayloadIsRefusedWithResourceExhausted() throws Exception {
        NodeSettings settings = NodeSettings.defaults().withPort(0).withLimits(new NodeLimits(64 * 1024, 1000, 1000, 1000, Duration.ofMinutes(5)));
        try (NodeFixture node = new NodeFixture(dir, settings)) {
            byte[] big = MlsTestMessages.application("g".getBytes(StandardCharsets.UTF_8), "x".repeat(2000));

            assertThatThrownBy(() -> node.mls().sendGroupMessages(SendGroupMessagesRequest.newBuilder()
                    .addMessages(GroupMessagesTest.input(big)).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(e.getStatus().getDescription()).contains("over this node's limit of 1000");
                    });
            // a request over the gRPC size limit never reaches the service
            assertThatThrownBy(() -> node.mls().fetchKeyPackages(FetchKeyPackagesRequest.newBuilder()
                    .addInstallationKeys(ByteString.copyFrom(new byte[100 * 1024])).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        }
    }

    @Test
    void aClientOverTheRateLimitIsToldToSlowDown() throws Exception {
        // 5 reads and 2 writes per hour: nothing refills during the test (refilling is unit-tested)
        NodeSettings settings = NodeSettings.defaults().withPort(0)
                .withLimits(new NodeLimits(1024 * 1024, 1024, 5, 2, Duration.ofHours(1)));
        try (NodeFixture node = new NodeFixture(dir, settings)) {
            FetchKeyPackagesRequest read = FetchKeyPackagesRequest.getDefaultInstance();
            for (int i = 0; i < 5; i++) {
                node.mls().fetchKeyPackages(read);
            }
            assertThatThrownBy(() -> node.mls().fetchKeyPackages(read))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(e.getStatus().getDescription()).contains("rate limit exceeded").contains("5 read calls");
                    });

            // writes have their own allowance
            SendGroupMessagesRequest write = SendGroupMessagesRequest.newBuilder().addMessages(GroupMessagesTest.input(
                    MlsTestMessages.application("g".getBytes(StandardCharsets.UTF_8), "hi"))).build();
            node.mls().sendGroupMessages(write);
            node.mls().sendGroupMessages(write);
            assertThatThrownBy(() -> node.mls().sendGroupMessages(write))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getDescription()).contains("2 write calls"));
        }
    }
}
