package io.socon.messaging.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.it.xmtp.CreateOptions;
import io.socon.messaging.it.xmtp.PeerConversation;
import io.socon.messaging.it.xmtp.PeerIdentity;
import io.socon.messaging.it.xmtp.PeerMessage;
import io.socon.messaging.it.xmtp.XmtpPeer;
import io.socon.messaging.it.xmtp.XmtpPeerException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chat page in a real browser against the sample app on Open Liberty (the server {@code SampleServerIT}
 * uses): {@code src/test/node/e2e/chat-e2e.mjs} drives Debian's Chromium, headless, with playwright-core
 * (never a downloaded browser). Three demo users in three browser contexts sign in, start a DM, exchange
 * messages, a reply and reactions that appear live on the other side (through the WebSocket; no page is
 * reloaded), create a group and write in it; then a libxmtp user, through the node embedded in the sample
 * app, answers a DM in the page; a browser wallet (EIP-1193 stub signing with a fresh key) signs in last.
 * The screenshot of the chat is {@code target/chat.png}.
 *
 * <p>This class plays the libxmtp user: it registers one ({@link XmtpPeer}) before the browser starts, passes
 * its address to the script, waits until the page's greeting reaches it, and answers.
 *
 * <p>System properties (set by failsafe): {@code socon.e2e.dir} (the installed npm project, default
 * {@code target/e2e}), {@code socon.e2e.outDir} (default {@code target}: {@code chat.png}, {@code chat-e2e.log},
 * and {@code chat-e2e/} with the script's result and a screenshot of each page when a step fails), {@code socon.chromium} (default
 * {@code /usr/bin/chromium}, which {@code .ci/run} installs), {@code socon.node} (default {@code node}).
 */
class ChatPageE2EIT {

    private static final String GREETING = "hello libxmtp, from the browser";
    private static final String REPLY = "hello browser, from libxmtp";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration POLL = Duration.ofMillis(500);

    @Test
    void twoBrowserUsersChatLiveCreateAGroupAndALibxmtpUserAnswersInThePage() throws Exception {
        Path e2eDir = Path.of(System.getProperty("socon.e2e.dir", "target/e2e")).toAbsolutePath();
        Path outDir = Path.of(System.getProperty("socon.e2e.outDir", "target")).toAbsolutePath();
        Path chromium = Path.of(System.getProperty("socon.chromium", "/usr/bin/chromium"));
        assertThat(e2eDir.resolve("node_modules/playwright-core"))
                .as("the e2e npm project, installed by npm ci in the build (run through Maven)").isDirectory();
        assertThat(chromium).as("Debian's Chromium (apt-get install chromium; .ci/run does)").isExecutable();
        Path screenshot = outDir.resolve("chat.png");
        Path resultFile = outDir.resolve("chat-e2e/e2e-result.json");
        Files.deleteIfExists(screenshot);
        Files.deleteIfExists(resultFile);

        String nodeUrl = "http://127.0.0.1:" + System.getProperty("sample.nodePort");
        Path peerDir = Files.createTempDirectory("chat-e2e-peer");
        try (XmtpPeer peer = XmtpPeer.start("chat-e2e-peer")) {
            PeerIdentity libxmtp = peer.create(CreateOptions.forNode(nodeUrl, peerDir.resolve("peer.db3")));

            List<String> output = Collections.synchronizedList(new ArrayList<>());
            Process browser = startScript(e2eDir, outDir, chromium, libxmtp.address(), output);
            Optional<PeerMessage> greeting;
            try {
                greeting = answerGreeting(peer, browser);
                assertThat(browser.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("the browser test ends within %s", RUN_TIMEOUT).isTrue();
            } finally {
                if (browser.isAlive()) {
                    browser.descendants().forEach(ProcessHandle::destroyForcibly);
                    browser.destroyForcibly();
                }
            }

            assertThat(resultFile).as("the script's result; its output:\n%s", tail(output)).isRegularFile();
            JsonObject result = readJson(resultFile);
            assertThat(browser.exitValue())
                    .as("chat-e2e.mjs: %s\n---- output:\n%s", result.get("error"), tail(output)).isZero();
            assertThat(result.getBoolean("ok")).isTrue();
            assertThat(result.getJsonArray("steps").getValuesAs(JsonObject.class))
                    .extracting(s -> s.getString("name"))
                    .contains("sign in two demo users",
                            "alice starts a DM by address; it appears live at bob with an unread badge",
                            "messages appear live on both sides",
                            "bob replies to a message; alice sees it quoted",
                            "bob reacts; alice sees the emoji chip",
                            "alice creates a group with bob and a third user; both see it live",
                            "the third user writes in the group; the others see it live",
                            "a libxmtp user answers in the page",
                            "no page was reloaded",
                            "screenshot of the chat");

            JsonObject users = result.getJsonObject("users");
            String alice = users.getJsonObject("alice").getString("inboxId");
            assertThat(List.of(alice, users.getJsonObject("bob").getString("inboxId"),
                    users.getJsonObject("carol").getString("inboxId"))).doesNotHaveDuplicates();
            assertThat(greeting).as("the page's greeting reached the libxmtp user").isPresent();
            assertThat(greeting.get().senderInboxId()).as("sent by alice's inbox").isEqualTo(alice);
            assertThat(result.getJsonObject("peer").getString("inboxId"))
                    .as("the page shows the answer as sent by the libxmtp user").isEqualTo(libxmtp.inboxId());

            assertThat(screenshot).isRegularFile();
            byte[] png = Files.readAllBytes(screenshot);
            assertThat(png.length).isGreaterThan(10_000);
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    private static Process startScript(Path e2eDir, Path outDir, Path chromium, String peerAddress,
            List<String> output) throws IOException {
        Path log = outDir.resolve("chat-e2e.log");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("socon.node", "node"), "chat-e2e.mjs")
                .directory(e2eDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("E2E_BASE_URL", System.getProperty("sample.baseUrl"));
        builder.environment().put("E2E_CHROMIUM", chromium.toString());
        builder.environment().put("E2E_OUT_DIR", outDir.resolve("chat-e2e").toString());
        builder.environment().put("E2E_SCREENSHOT", outDir.resolve("chat.png").toString());
        builder.environment().put("E2E_PEER_ADDRESS", peerAddress);
        builder.environment().put("E2E_PEER_GREETING", GREETING);
        builder.environment().put("E2E_PEER_REPLY", REPLY);
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread.ofPlatform().daemon().name("chat-e2e-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); logWriter) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println(line);
                    logWriter.println(line);
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return process;
    }

    /**
     * As the libxmtp user: syncs until a conversation holds the page's greeting, then answers in it. Gives up
     * (empty) when the browser test ends first, which then reports why.
     */
    private static Optional<PeerMessage> answerGreeting(XmtpPeer peer, Process browser) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (browser.isAlive() && System.nanoTime() < deadline) {
            try {
                peer.syncAll();
                for (PeerConversation conversation : peer.listConversations()) {
                    Optional<PeerMessage> found = peer.messages(conversation.id()).stream()
                            .filter(m -> GREETING.equals(m.text())).findFirst();
                    if (found.isPresent()) {
                        peer.sendText(conversation.id(), REPLY);
                        return found;
                    }
                }
            } catch (XmtpPeerException e) {
                if (!peer.isAlive()) {
                    throw e;
                }
                // a conversation still being set up; try again
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    private static JsonObject readJson(Path file) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static String tail(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }
}
