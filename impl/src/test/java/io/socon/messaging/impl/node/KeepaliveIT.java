package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libxmtp pings every 16 s even with no call open. The node must allow that: grpc-java's default would
 * answer with GOAWAY (too_many_pings) and drop the connection. This test idles a connection that pings
 * every 15 s for 40 s and requires that it never left READY.
 */
class KeepaliveIT {

    @TempDir
    Path dir;

    @Test
    void anIdleClientPingingEvery15SecondsKeepsItsConnection() throws Exception {
        try (NodeFixture node = new NodeFixture(dir)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", node.node().port()).usePlaintext()
                    .keepAliveTime(15, TimeUnit.SECONDS)
                    .keepAliveWithoutCalls(true)
                    .build();
            try {
                MlsApiGrpc.newBlockingStub(channel).fetchKeyPackages(FetchKeyPackagesRequest.getDefaultInstance());
                List<ConnectivityState> changes = new CopyOnWriteArrayList<>();
                watch(channel, changes);

                Thread.sleep(40_000);

                assertThat(changes).as("state changes while idle").isEmpty();
                assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static void watch(ManagedChannel channel, List<ConnectivityState> changes) {
        ConnectivityState current = channel.getState(false);
        channel.notifyWhenStateChanged(current, () -> {
            changes.add(channel.getState(false));
            watch(channel, changes);
        });
    }
}
