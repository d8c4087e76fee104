package io.socon.messaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real node on a loopback port for a test class, and socon-cli run in-process through
 * {@link SoconCli#run(String[], PrintWriter, PrintWriter)} against it with one home directory per user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliTestSupport {

    static final String HEX64 = "[0-9a-f]{64}";

    /** The node's database and the homes; deleted after the class. */
    Path dir;

    JdbcNodeStore nodeStore;
    NodeServer node;
    String nodeUrl;
    private final AtomicInteger homes = new AtomicInteger();

    @BeforeAll
    void startNode() throws IOException {
        dir = Files.createTempDirectory("socon-cli-test");
        nodeStore = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(0), nodeStore,
                XmtpNodeValidation.create());
        nodeUrl = "http://127.0.0.1:" + node.port();
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
        if (nodeStore != null) {
            nodeStore.close();
        }
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; leave what cannot be deleted
        }
    }

    /** A new, empty home directory (not created yet). */
    Path home(String name) {
        return dir.resolve("home-" + homes.incrementAndGet() + "-" + name);
    }

    /** What one run of the CLI did. */
    record Run(int exit, String stdout, String stderr) {

        /** Standard output, each line a JSON object (checked). */
        List<JsonObject> json() {
            List<JsonObject> json = new ArrayList<>();
            if (!stdout.isEmpty()) {
                assertThat(stdout).as("stdout ends with a newline").endsWith(System.lineSeparator());
                for (String line : stdout.split("\\R")) {
                    json.add(parseObject(line));
                }
            }
            return json;
        }

        JsonObject single() {
            List<JsonObject> json = json();
            assertThat(json).as("one JSON line in %s", stdout).hasSize(1);
            return json.getFirst();
        }
    }

    /** Runs socon-cli with exactly these arguments. */
    static Run raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SoconCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static JsonObject parseObject(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            assertThat(value.getValueType()).as("a JSON object per line: %s", line)
                    .isEqualTo(JsonValue.ValueType.OBJECT);
            return value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** Runs a command for {@code home} against the test node. */
    Run run(Path home, String... args) {
        return raw(Stream.concat(Stream.of("--node", nodeUrl, "--home", home.toString()), Stream.of(args))
                .toArray(String[]::new));
    }

    /** Runs a command that must succeed quietly. */
    Run ok(Path home, String... args) {
        Run r = run(home, args);
        assertThat(r.stderr()).as("stderr of %s", List.of(args)).isEmpty();
        assertThat(r.exit()).as("exit code of %s", List.of(args)).isZero();
        r.json();
        return r;
    }

    /** Runs a command that must fail with {@code exit}; returns its one-line error. */
    String fails(int exit, Path home, String... args) {
        return failed(exit, run(home, args));
    }

    static String failed(int exit, Run r) {
        assertThat(r.exit()).as("exit code; stderr: %s", r.stderr()).isEqualTo(exit);
        assertThat(r.stdout()).as("no output on a failure").isEmpty();
        assertThat(r.stderr()).startsWith("error: ");
        assertThat(r.stderr().strip().lines()).as("one line: %s", r.stderr()).hasSize(1);
        assertThat(r.stderr()).doesNotContain("\tat ", "Exception", "[9").as("no stack trace or H2 code");
        return r.stderr().strip();
    }

    /** Who a home is, from {@code init}. */
    record Identity(Path home, String address, String inboxId, String installationId) {
    }

    Identity init(String name, String... args) {
        Path home = home(name);
        JsonObject id = ok(home, Stream.concat(Stream.of("init"), Stream.of(args)).toArray(String[]::new)).single();
        return new Identity(home, id.getString("address"), id.getString("inboxId"), id.getString("installationId"));
    }

    /** The {@code text} of each message line (null for other content). */
    static List<String> texts(List<JsonObject> messages) {
        return messages.stream().map(m -> m.containsKey("text") ? m.getString("text") : null).toList();
    }
}
