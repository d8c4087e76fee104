package io.socon.messaging.it.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.it.xmtp.CreateOptions;
import io.socon.messaging.it.xmtp.PeerIdentity;
import io.socon.messaging.it.xmtp.PeerMessage;
import io.socon.messaging.it.xmtp.XmtpPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real XMTP client (libxmtp, {@link XmtpPeer}) and a host user of the deployed archive exchange a DM through
 * the archive's embedded node. The host user acts through the injected {@code Messaging}, behind the archive's
 * test resource ({@link HostUserResource}); the peer runs here, outside the server.
 */
@ExtendWith(ArquillianExtension.class)
class XmtpPeerInteropIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SoconArchives.war("xmtp-peer-interop", Map.of())
                .addClasses(HostUserApplication.class, HostUserResource.class);
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aLibxmtpClientAndAHostUserTalkThroughTheDeployedNode() throws Exception {
        JsonObject node = (JsonObject) call("GET", "host/node", null);
        assertThat(node.getBoolean("running")).isTrue();
        String nodeUrl = "http://127.0.0.1:" + node.getInt("port");

        String host = "host-" + UUID.randomUUID().toString().substring(0, 8);
        String hostInbox = ((JsonObject) call("POST", "host/users/" + host + "/inbox", "")).getString("inboxId");

        Path dir = Files.createTempDirectory("arquillian-xmtp-peer");
        try (XmtpPeer peer = XmtpPeer.start("arq-peer")) {
            PeerIdentity me = peer.create(CreateOptions.forNode(nodeUrl, dir.resolve("peer.db3")));
            peer.streamAllMessages();

            call("POST", "host/users/" + host + "/dm/" + me.inboxId(), "hello from the host app");
            PeerMessage received = peer.awaitMessage(m -> "hello from the host app".equals(m.text()), TIMEOUT);
            assertThat(received.senderInboxId()).isEqualTo(hostInbox);

            peer.sendText(received.conversationId(), "hello from libxmtp");
            List<String> texts = awaitTexts(host, me.inboxId(), "hello from libxmtp");
            assertThat(texts).as("the host user's view of the DM").filteredOn(t -> !t.startsWith("["))
                    .containsExactly("hello from the host app", "hello from libxmtp");
            System.out.println("XmtpPeerInteropIT: the host user's DM with the libxmtp peer: " + texts);
        }
    }

    private List<String> awaitTexts(String host, String peerInbox, String expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<String> texts = call("GET", "host/users/" + host + "/dm/" + peerInbox, null).asJsonArray()
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            if (texts.contains(expected) || System.nanoTime() > deadline) {
                return texts;
            }
            Thread.sleep(500);
        }
    }

    private JsonStructure call(String method, String path, String body) throws Exception {
        URI uri = base.toURI().resolve("it-api/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT.plusSeconds(10));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "text/plain").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }
}
