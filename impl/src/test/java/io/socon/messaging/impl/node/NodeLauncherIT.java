package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone node as a user runs it: {@code java -jar impl/target/socon-node.jar}, in its own process.
 */
class NodeLauncherIT {

    private static final Pattern READY = Pattern.compile("socon-node ready on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    static Path jar() {
        Path jar = Path.of(System.getProperty("socon.node.jar", "target/socon-node.jar"));
        assertThat(jar).as("the node jar built by ./mvnw package").exists();
        return jar;
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    record Result(int exitCode, String out, String err) {
    }

    Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A running node process and the port it reported. */
    record Running(Process process, int port, BufferedReader out) {
    }

    Running start(Path data, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "--port", "0", "--data", data.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("node-stderr-" + System.nanoTime() + ".log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return new Running(process, Integer.parseInt(ready.group(1)), out);
            }
        }
        throw new AssertionError("the node exited before it was ready, exit code " + process.waitFor());
    }

    @Test
    void helpDescribesEveryOption() throws Exception {
        Result help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--host", "--port", "--data", "--jdbc-url", "--tls-cert", "--writes-per-5min");
    }

    @Test
    void aBadOptionExitsNonZeroWithAMessage() throws Exception {
        Result bad = run("--bogus");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void aBusyPortExitsNonZeroWithAMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result busy = run("--port", String.valueOf(taken.getLocalPort()), "--data", dir.resolve("d").toString());

            assertThat(busy.exitCode()).isEqualTo(1);
            assertThat(busy.err()).contains("port " + taken.getLocalPort()).contains("already in use");
        }
    }

    @Test
    void servesClientsAndStopsCleanlyOnSigterm() throws Exception {
        Running node = start(dir.resolve("data"));
        try {
            send(node.port(), 1);
            assertThat(query(node.port())).isEqualTo(1);
        } finally {
            node.process().toHandle().destroy(); // SIGTERM, leaving our end of the pipes open
        }
        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.out().readLine()).isEqualTo("socon-node stopped");
        assertThat(Files.exists(dir.resolve("data"))).isTrue();
    }

    @Test
    void acknowledgedWritesSurviveTheProcessBeingKilled() throws Exception {
        Path data = dir.resolve("killed");
        Running first = start(data);
        send(first.port(), 50);
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.process().waitFor(30, TimeUnit.SECONDS);

        Running second = start(data);
        try {
            assertThat(query(second.port())).isEqualTo(50);
        } finally {
            second.process().toHandle().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenADatabaseTheNodeMovesItsEmbeddedDataIntoIt() throws Exception {
        Path data = dir.resolve("was-embedded");
        Running embedded = start(data);
        send(embedded.port(), 5);
        embedded.process().toHandle().destroy();
        assertThat(embedded.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        String url = "jdbc:h2:file:" + dir.resolve("configured").resolve("node").toAbsolutePath();
        Running configured = start(data, "--jdbc-url", url);
        try {
            assertThat(query(configured.port())).as("the messages moved with the node").isEqualTo(5);
            send(configured.port(), 6); // m0..m4 again (stored once) and a new m5, under a new id
            assertThat(query(configured.port())).isEqualTo(6);
        } finally {
            configured.process().toHandle().destroy();
            configured.process().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(data.resolve("socon-node.mv.db")).doesNotExist();
        assertThat(data.resolve("socon-node.mv.db.moved")).exists();
    }

    static final byte[] GROUP = "launcher-group-1".getBytes(StandardCharsets.UTF_8);

    static void send(int port, int count) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            MlsApiGrpc.MlsApiBlockingStub mls = MlsApiGrpc.newBlockingStub(channel);
            for (int i = 0; i < count; i++) {
                mls.withDeadlineAfter(10, TimeUnit.SECONDS).sendGroupMessages(SendGroupMessagesRequest.newBuilder()
                        .addMessages(GroupMessagesTest.input(MlsTestMessages.application(GROUP, "m" + i))).build());
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static int query(int port) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return MlsApiGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .queryGroupMessages(QueryGroupMessagesRequest.newBuilder().setGroupId(ByteString.copyFrom(GROUP))
                            .setPagingInfo(PagingInfo.newBuilder().setDirection(SortDirection.SORT_DIRECTION_ASCENDING))
                            .build())
                    .getMessagesCount();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
