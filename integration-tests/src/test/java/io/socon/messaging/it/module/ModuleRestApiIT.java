package io.socon.messaging.it.module;

import static io.socon.messaging.it.module.BasicAuthUser.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.it.WebSocketFrames;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module's REST API and message stream in a deployed archive, driven over HTTP from the test JVM by two users
 * who sign in with HTTP Basic against the server's user registry (server.xml). The archive mounts
 * {@code SoconRest.classes()} at {@code /api/v1} and the stream at {@code /api/v1/stream}, as the README tells an
 * application to; the host user is the container principal (the module's default resolver).
 */
@ExtendWith(ArquillianExtension.class)
class ModuleRestApiIT {

    /** Every path under /api needs a signed-in user of the server's registry (any role). */
    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>api</web-resource-name>
                  <url-pattern>/api/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>**</role-name></auth-constraint>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
                <realm-name>socon-it</realm-name>
              </login-config>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SoconArchives.war("module-rest", Map.of())
                .addClasses(ModuleRestApplication.class, ModuleWebSockets.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @ArquillianResource
    URL base;

    BasicAuthUser alice() {
        return BasicAuthUser.signedIn(base, "it-alice", "alice-password");
    }

    BasicAuthUser bob() {
        return BasicAuthUser.signedIn(base, "it-bob", "bob-password");
    }

    @Test
    void twoUsersTalkOverTheRestApi() throws Exception {
        BasicAuthUser alice = alice();
        BasicAuthUser bob = bob();
        JsonObject aliceInbox = alice.get("/api/v1/inbox").ok(200);
        JsonObject bobInbox = bob.get("/api/v1/inbox").ok(200);
        assertThat(aliceInbox.getString("inboxId")).isNotEqualTo(bobInbox.getString("inboxId"));
        assertThat(alice.get("/api/v1/inbox").ok(200)).as("the same inbox again").isEqualTo(aliceInbox);

        JsonObject dm = alice.post("/api/v1/conversations/dm",
                "{\"peer\":" + quote(bobInbox.getString("address")) + "}").ok(200);
        String id = dm.getString("id");
        assertThat(dm.getString("kind")).isEqualTo("DM");
        assertThat(dm.getString("peer")).isEqualTo(bobInbox.getString("inboxId"));
        assertThat(dm.getJsonArray("members").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("inboxId"))
                .containsExactlyInAnyOrder(aliceInbox.getString("inboxId"), bobInbox.getString("inboxId"));
        assertThat(dm.getJsonArray("members").getValuesAs(JsonObject.class))
                .filteredOn(m -> m.getString("inboxId").equals(bobInbox.getString("inboxId"))).singleElement()
                .satisfies(m -> assertThat(m.getJsonArray("addresses").getString(0))
                        .as("people are shown by address").isEqualTo(bobInbox.getString("address")));
        // the DM is the same whichever test ran first: start from "all read"
        assertThat(bob.post("/api/v1/conversations/sync", "").status()).isEqualTo(204);
        if (bob.get("/api/v1/conversations/" + id).status() == 200) {
            assertThat(bob.post("/api/v1/conversations/" + id + "/read", "").status()).isEqualTo(204);
        }
        alice.post("/api/v1/conversations/" + id + "/messages", "{\"type\":\"text\",\"text\":\"Hello Bob\"}").ok(201);

        assertThat(bob.post("/api/v1/conversations/sync", "").status()).isEqualTo(204);
        JsonObject atBob = bob.get("/api/v1/conversations/" + id).ok(200);
        assertThat(atBob.getInt("unreadCount")).isEqualTo(1);
        assertThat(texts(bob, id)).last().isEqualTo("Hello Bob");
        bob.post("/api/v1/conversations/" + id + "/messages", "{\"type\":\"text\",\"text\":\"Hi Alice\"}").ok(201);
        assertThat(bob.post("/api/v1/conversations/" + id + "/read", "").status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/conversations/" + id).ok(200).getInt("unreadCount")).isZero();

        Waits.until("Alice to read Bob's answer", () -> {
            try {
                alice.post("/api/v1/conversations/sync", "");
                List<String> texts = texts(alice, id);
                return texts.contains("Hi Alice") ? texts : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // errors are problems that say what is wrong
        alice.get("/api/v1/conversations/not-hex").problem(400, "INVALID_ID");
        alice.post("/api/v1/conversations/dm", "{\"peer\":\"0x12\"}").problem(400, "INVALID_ADDRESS");
        // the container refuses anyone not signed in, and wrong passwords
        assertThat(BasicAuthUser.anonymous(base).get("/api/v1/inbox").status()).isEqualTo(401);
        assertThat(BasicAuthUser.signedIn(base, "it-alice", "wrong").get("/api/v1/inbox").status()).isEqualTo(401);
    }

    @Test
    void theStreamPushesAMessageWithinASecondOfItsSending() throws Exception {
        BasicAuthUser alice = alice();
        BasicAuthUser bob = bob();
        JsonObject bobInbox = bob.get("/api/v1/inbox").ok(200);
        String id = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bobInbox.getString("inboxId")) + "}")
                .ok(200).getString("id");
        bob.post("/api/v1/conversations/sync", "");
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket ws = bob.stream(frames);
        try {
            ws.sendText("{\"event\":\"ping\"}", true).get(10, TimeUnit.SECONDS);
            frames.next(f -> "pong".equals(f.getString("event")), Duration.ofSeconds(30));

            JsonObject sent = alice.post("/api/v1/conversations/" + id + "/messages",
                    "{\"type\":\"text\",\"text\":\"are you there?\"}").ok(201);
            long sentAt = System.nanoTime();
            JsonObject event = frames.next(f -> "message".equals(f.getString("event"))
                    && "are you there?".equals(f.getJsonObject("message").getString("text", null)),
                    Duration.ofSeconds(1));
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);

            assertThat(event.getJsonObject("message").getString("id")).isEqualTo(sent.getString("id"));
            assertThat(event.getJsonObject("message").getString("conversationId")).isEqualTo(id);
            assertThat(latencyMs).isLessThanOrEqualTo(1000);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> texts(BasicAuthUser user, String conversation) throws Exception {
        return user.get("/api/v1/conversations/" + conversation + "/messages?limit=50").ok(200)
                .getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> "text".equals(m.getString("type")))
                .map(m -> m.getString("text"))
                .toList();
    }
}
