package io.socon.messaging.impl.node;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.impl.wire.identity.api.v1.IdentityApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real node for tests: the gRPC server on a free loopback port over an H2 database in a folder, with
 * XMTP's validation, and a plaintext channel to it. {@link #restart()} stops and starts the node on the
 * same data, as a process restart would.
 */
final class NodeFixture implements AutoCloseable {

    private final Path dataDir;
    private final NodeSettings settings;
    private JdbcNodeStore store;
    private NodeServer node;
    private ManagedChannel channel;

    NodeFixture(Path dataDir, NodeSettings settings) throws IOException {
        this.dataDir = dataDir;
        this.settings = settings;
        start(0);
    }

    NodeFixture(Path dataDir) throws IOException {
        this(dataDir, NodeSettings.defaults().withPort(0));
    }

    private void start(int port) throws IOException {
        store = JdbcNodeStore.open(Database.h2Url(dataDir), null, null);
        node = NodeServer.start(settings.withPort(port), store, XmtpNodeValidation.create());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", node.port()).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    void restart() throws IOException {
        int port = node.port();
        stop();
        start(port);
    }

    MlsApiGrpc.MlsApiBlockingStub mls() {
        return MlsApiGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    MlsApiGrpc.MlsApiStub mlsAsync() {
        return MlsApiGrpc.newStub(channel);
    }

    IdentityApiGrpc.IdentityApiBlockingStub identity() {
        return IdentityApiGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    ManagedChannel channel() {
        return channel;
    }

    NodeServer node() {
        return node;
    }

    private void stop() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }
}
