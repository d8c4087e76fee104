package io.socon.messaging.it.xmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.it.xmtp.XmtpPeerException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the harness itself, with no XMTP node: the real libxmtp loads (through Debian 13's glibc where
 * the host's is too old), the JSON protocol works, and failures come back as answers, not hangs or crashes.
 * The interoperability tests against our node build on {@link XmtpPeer}.
 */
class XmtpPeerHarnessIT {

    private static XmtpPeer peer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPeer() {
        peer = XmtpPeer.start("harness");
    }

    @AfterAll
    static void closePeer() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void libxmtpLoadsWithThePinnedVersionsOnANewEnoughGlibc() {
        PeerVersions versions = peer.version();

        assertThat(versions.nodeSdk()).isEqualTo("6.0.0");
        assertThat(versions.nodeBindings()).isEqualTo("1.10.0");
        assertThat(versions.glibc()).as("glibc the peer runs on").isNotNull();
        String[] glibc = versions.glibc().split("\\.");
        assertThat(Integer.parseInt(glibc[0]) * 100 + Integer.parseInt(glibc[1])).isGreaterThanOrEqualTo(238);
        // Exactly one libxmtp in the process: the 1.10.0 binding for this platform.
        assertThat(versions.nativeLibraries()).singleElement().satisfies(file -> {
            assertThat(file).contains("/node_modules/@xmtp/node-bindings/dist/bindings_node.linux-");
            if ("amd64".equals(System.getProperty("os.arch"))) {
                assertThat(file).endsWith("bindings_node.linux-x64-gnu.node");
            }
        });
    }

    @Test
    void inboxIdIsSha256OfTheLowercaseAddressAndNonceOffline() throws Exception {
        String address = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";

        String inboxId = peer.generateInboxId(address);

        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((address.toLowerCase() + "1").getBytes(StandardCharsets.UTF_8));
        assertThat(inboxId).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void createAgainstAClosedPortIsRejectedWithLibxmtpsErrorWithinSeconds() throws IOException {
        String apiUrl = "http://127.0.0.1:" + freePort();
        long started = System.nanoTime();

        assertThatThrownBy(() -> peer.create(CreateOptions.forNode(apiUrl, dir.resolve("a.db3")).withLoggingLevel("debug")))
                .isInstanceOfSatisfying(XmtpPeerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.command()).isEqualTo("create");
                    assertThat(e.peerError()).contains("IdentityApi/GetInboxIds").contains("tcp connect error");
                });
        // libxmtp retries for about 2 s: an answer, well within the call timeout, not a hang.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(peer.callTimeout()).isEqualTo(XmtpPeer.DEFAULT_CALL_TIMEOUT);
        assertThat(peer.call("ping", JsonValue.EMPTY_JSON_OBJECT)).hasToString("\"pong\"");
    }

    @Test
    void aCallThatOutlivesItsTimeoutFailsWithoutBreakingThePeer() throws IOException {
        String apiUrl = "http://127.0.0.1:" + freePort();

        assertThatThrownBy(() -> peer.call("create", clientArgs(apiUrl), Duration.ofMillis(200)))
                .isInstanceOfSatisfying(XmtpPeerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(peer.call("ping", JsonValue.EMPTY_JSON_OBJECT)).hasToString("\"pong\"");
    }

    @Test
    void unknownCommandsAndCallsWithoutAClientAreRejected() {
        assertThatThrownBy(() -> peer.call("noSuchCommand", JsonValue.EMPTY_JSON_OBJECT))
                .isInstanceOfSatisfying(XmtpPeerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.peerError()).isEqualTo("unknown command noSuchCommand");
                });
        assertThatThrownBy(() -> peer.sendText("00", "hello"))
                .isInstanceOfSatisfying(XmtpPeerException.class,
                        e -> assertThat(e.peerError()).contains("no client"));
        assertThatThrownBy(() -> peer.sendReaction("00", "01", "👍"))
                .isInstanceOfSatisfying(XmtpPeerException.class,
                        e -> assertThat(e.peerError()).contains("no client"));
        assertThatThrownBy(() -> peer.leaveGroup("00"))
                .isInstanceOfSatisfying(XmtpPeerException.class,
                        e -> assertThat(e.peerError()).contains("no client"));
        assertThatThrownBy(() -> peer.generateInboxId("not-an-address"))
                .isInstanceOfSatisfying(XmtpPeerException.class,
                        e -> assertThat(e.peerError()).contains("not an Ethereum address"));
        assertThat(peer.isAlive()).isTrue();
    }

    @Test
    void thePeersStdoutGoesToItsLogNotIntoTheProtocol() throws IOException {
        String marker = "marker-" + System.nanoTime();

        peer.mark(marker);

        assertThat(Files.readString(peer.logFile())).contains(marker);
        assertThat(peer.drainEvents()).noneMatch(e -> e.json().toString().contains(marker));
    }

    @Test
    void closeEndsTheProcessAndLaterCallsFail() {
        XmtpPeer shortLived = XmtpPeer.start("harness-close");
        long pid = shortLived.pid();

        shortLived.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThatThrownBy(shortLived::version)
                .isInstanceOfSatisfying(XmtpPeerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIED));
        shortLived.close();
    }

    private JsonObject clientArgs(String apiUrl) {
        return Json.createObjectBuilder()
                .add("apiUrl", apiUrl)
                .add("dbPath", dir.resolve("closed-port.db3").toString())
                .add("disableDeviceSync", true)
                .add("loggingLevel", "debug")
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
