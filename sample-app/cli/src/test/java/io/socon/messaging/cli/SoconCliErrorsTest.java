package io.socon.messaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** socon-cli's failures: one clear line on standard error, nothing on standard output, a non-zero exit code. */
class SoconCliErrorsTest extends CliTestSupport {

    static final String UNKNOWN_GROUP = "00112233445566778899aabbccddeeff";
    static final String UNKNOWN_MESSAGE = "ab".repeat(32);

    @Test
    void anUnknownConversationIdIsNamed() {
        Identity alice = init("alice");
        Identity bob = init("bob");
        for (String[] command : new String[][] {
                {"messages", UNKNOWN_GROUP},
                {"send", UNKNOWN_GROUP, "--text", "hi"},
                {"react", UNKNOWN_GROUP, UNKNOWN_MESSAGE, "👍"},
                {"reply", UNKNOWN_GROUP, UNKNOWN_MESSAGE, "--text", "hi"},
                {"group", "add", UNKNOWN_GROUP, bob.inboxId()},
                {"group", "remove", UNKNOWN_GROUP, bob.inboxId()},
                {"group", "rename", UNKNOWN_GROUP, "x"}}) {
            assertThat(fails(1, alice.home(), command)).as(String.join(" ", command))
                    .contains("CONVERSATION_NOT_FOUND").contains(UNKNOWN_GROUP);
        }
        assertThat(fails(1, alice.home(), "messages", "not-hex")).contains("INVALID_ID").contains("not-hex");
        assertThat(fails(1, alice.home(), "react", UNKNOWN_GROUP, "abc", "👍")).contains("INVALID_ID")
                .contains("message id");
    }

    @Test
    void malformedAddressesAndUnknownPeersAreRefused() {
        Identity alice = init("alice");
        assertThat(fails(1, alice.home(), "can-message", "0x1234")).contains("INVALID_ADDRESS").contains("0x1234");
        assertThat(fails(1, alice.home(), "dm", "0x1234", "--text", "hi")).contains("0x1234")
                .contains("neither an inbox id");
        assertThat(fails(1, alice.home(), "group", "create", "--member", "bob")).contains("'bob'");
        assertThat(fails(1, alice.home(), "dm", "0x" + "2".repeat(40), "--text", "hi"))
                .contains("PEER_NOT_REACHABLE").contains("0x" + "2".repeat(40));
    }

    @Test
    void commandsBeforeInitSayToRunInitAndCreateNothing() {
        Path nowhere = home("nobody");
        for (String[] command : new String[][] {{"messages", UNKNOWN_GROUP}, {"conversations"}, {"sync"},
                {"dm", "0x" + "2".repeat(40), "--text", "hi"}}) {
            assertThat(fails(1, nowhere, command)).contains("socon-cli init").contains(nowhere.toString());
        }
        assertThat(Files.exists(nowhere)).isFalse();
    }

    @Test
    void aBadWalletKeyIsAUsageErrorAndNothingIsWritten() {
        Path home = home("badkey");
        for (String key : new String[] {"zz", "12", "0x" + "a".repeat(63), "g".repeat(64), "0".repeat(64),
                "f".repeat(64)}) {
            Run r = run(home, "init", "--wallet-key", key);
            assertThat(r.exit()).as(key).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).as(key).startsWith("--wallet-key ").contains("secp256k1")
                    .doesNotContain("Exception");
        }
        assertThat(Files.exists(home)).as("no half-made home").isFalse();
        assertThat(fails(1, home, "conversations")).contains("socon-cli init");
    }

    @Test
    void anUnreachableNodeFailsWithExitCode3Soon() throws IOException {
        Identity alice = init("alice");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        String error = failed(3, raw("--node", down, "--home", alice.home().toString(), "sync"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(error).contains("NODE_UNAVAILABLE").contains("127.0.0.1:" + port);
        assertThat(took).as("retries of a refused connection").isLessThan(Duration.ofSeconds(5));

        Path fresh = home("fresh");
        start = System.nanoTime();
        assertThat(failed(3, raw("--node", down, "--home", fresh.toString(), "init"))).contains("NODE_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(ok(fresh, "init").single().getString("inboxId")).as("init works once the node is up")
                .matches(HEX64);
    }

    @Test
    void aMalformedNodeUrlIsAUsageError() {
        Identity alice = init("alice");
        Run r = raw("--node", "127.0.0.1:5556", "--home", alice.home().toString(), "sync");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("--node").contains("http://");
    }

    @Test
    void aHomeInUseByAnotherCommandIsReportedClearly() throws Exception {
        Identity alice = init("alice");
        CliHome.Lock lock = CliHome.lock(alice.home()); // as a running 'stream' holds it
        try {
            assertThat(failed(3, run(alice.home(), "conversations"))).contains("in use")
                    .contains(alice.home().toString());
        } finally {
            lock.close();
        }
        ok(alice.home(), "conversations");
    }

    @Test
    void usageErrorsExitWith2AndExplain() {
        Path home = home("usage");
        Run unknown = run(home, "frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).contains("Unmatched argument").contains("frobnicate");

        Run missing = run(home, "dm", "0x" + "2".repeat(40));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).contains("--text");

        Run noMember = run(home, "group", "create", "--name", "x");
        assertThat(noMember.exit()).isEqualTo(2);
        assertThat(noMember.stderr()).contains("--member");

        Run noCommand = run(home);
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.stdout()).isEmpty();
        assertThat(noCommand.stderr()).contains("Usage:");

        Run noGroupCommand = run(home, "group");
        assertThat(noGroupCommand.exit()).isEqualTo(2);
        assertThat(noGroupCommand.stdout()).isEmpty();
        assertThat(noGroupCommand.stderr()).contains("create");

        Run badSeconds = run(home, "stream", "--seconds", "soon");
        assertThat(badSeconds.exit()).isEqualTo(2);
        assertThat(badSeconds.stderr()).contains("--seconds");
        assertThat(Files.exists(home)).isFalse();
    }

    @Test
    void aNonPositiveStreamDurationIsAUsageError() {
        Identity alice = init("alice");
        Run zero = run(alice.home(), "stream", "--seconds", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.stdout()).isEmpty();
        assertThat(zero.stderr()).contains("--seconds").contains("positive");
    }
}
