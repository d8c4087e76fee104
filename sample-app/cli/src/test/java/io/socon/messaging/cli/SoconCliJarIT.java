package io.socon.messaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged socon-cli.jar ({@code java -jar}, as a user runs it) against a node in this JVM: its standard output
 * is JSON lines only and its standard error stays empty on success (no Flyway or HikariCP INFO logs, no SLF4J or
 * JDK native-access warnings) and holds one line on failure (no gRPC stack traces).
 */
class SoconCliJarIT extends CliTestSupport {

    /** What one {@code java -jar socon-cli.jar} did. */
    record Process(int exit, String stdout, String stderr) {

        List<JsonObject> json() {
            return new Run(exit, stdout, stderr).json();
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("socon.cli.jar", "../target/socon-cli.jar"));
        assertThat(jar).as("built by 'mvn package' (shade)").isRegularFile();
        return jar;
    }

    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    Process jar(String node, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "--node", node, "--home",
                home.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        java.lang.Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("socon-cli " + List.of(args) + " did not finish in 120 s");
        }
        return new Process(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    List<JsonObject> jarOk(Path home, String... args) throws IOException, InterruptedException {
        Process p = jar(nodeUrl, home, args);
        assertThat(p.stderr()).as("stderr of %s", List.of(args)).isEmpty();
        assertThat(p.exit()).as("exit code of %s", List.of(args)).isZero();
        return p.json();
    }

    @Test
    void twoHomesTalkThroughTheJarWithOnlyJsonOnStandardOutput() throws Exception {
        Path aliceHome = home("alice");
        Path bobHome = home("bob");
        JsonObject alice = single(jarOk(aliceHome, "init"));
        JsonObject bob = single(jarOk(bobHome, "init", "--wallet-key", "0x" + "42".repeat(32)));
        assertThat(bob.getString("address")).isEqualTo(
                io.socon.messaging.impl.crypto.EthereumAddresses.fromPrivateKey(HexFormat.of().parseHex("42".repeat(32))));

        JsonObject sent = single(jarOk(aliceHome, "dm", bob.getString("address"), "--text", "héllo from the jar 👋"));
        List<JsonObject> received = jarOk(bobHome, "messages", sent.getString("conversationId"));
        assertThat(received).anySatisfy(m -> {
            assertThat(m.getString("id")).isEqualTo(sent.getString("id"));
            assertThat(m.getString("senderInboxId")).isEqualTo(alice.getString("inboxId"));
            assertThat(m.getString("text")).isEqualTo("héllo from the jar 👋");
        });
    }

    @Test
    void failuresPrintOneLineAndNoStackTrace() throws Exception {
        Path home = home("carol");
        single(jarOk(home, "init"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process down = jar("http://127.0.0.1:" + port, home, "sync");
        assertThat(down.exit()).isEqualTo(3);
        assertOneErrorLine(down);
        assertThat(down.stderr()).contains("NODE_UNAVAILABLE");

        Process unknownHost = jar("http://no-such-host.invalid:5556", home, "sync");
        assertThat(unknownHost.exit()).isEqualTo(3);
        assertOneErrorLine(unknownHost);

        Process missing = jar(nodeUrl, home, "messages", "00112233445566778899aabbccddeeff");
        assertThat(missing.exit()).isEqualTo(1);
        assertOneErrorLine(missing);
        assertThat(missing.stderr()).contains("CONVERSATION_NOT_FOUND");
    }

    static void assertOneErrorLine(Process p) {
        assertThat(p.stdout()).isEmpty();
        assertThat(p.stderr()).startsWith("error: ");
        assertThat(p.stderr().strip().lines()).as("one line: %s", p.stderr()).hasSize(1);
        assertThat(p.stderr()).doesNotContain("\tat ", "WARNING", "INFO", "SLF4J");
    }

    static JsonObject single(List<JsonObject> json) {
        assertThat(json).hasSize(1);
        return json.getFirst();
    }
}
