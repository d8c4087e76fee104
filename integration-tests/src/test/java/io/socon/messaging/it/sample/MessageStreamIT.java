package io.socon.messaging.it.sample;

import static io.socon.messaging.it.sample.SampleUser.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.it.WebSocketFrames;
import jakarta.json.JsonObject;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The WebSocket stream of docs/rest-api.md on the sample app's server, with the JDK's WebSocket client. */
class MessageStreamIT {

    /** Opens the stream and waits for the first pong, which comes once the stream is live. */
    private static WebSocket live(SampleUser user, WebSocketFrames frames) throws Exception {
        WebSocket ws = user.stream(frames, Optional.empty());
        ws.sendText("{\"event\":\"ping\"}", true).get(10, TimeUnit.SECONDS);
        frames.next(f -> "pong".equals(f.getString("event")), Duration.ofSeconds(30));
        return ws;
    }

    @Test
    void aMessageArrivesWithinASecondOfItsSending() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser bob = SampleUser.signedIn("bob");
        bob.inbox();
        String id = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.address()) + "}").ok(200)
                .getString("id");
        assertThat(bob.findConversation(id)).as("bob has the DM").isPresent();
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket ws = live(bob, frames);
        try {
            JsonObject sent = alice.post("/api/v1/conversations/" + id + "/messages",
                    "{\"type\":\"text\",\"text\":\"are you there?\"}").ok(201);
            long sentAt = System.nanoTime();

            JsonObject event = frames.next(f -> "message".equals(f.getString("event"))
                    && "are you there?".equals(f.getJsonObject("message").getString("text", null)),
                    Duration.ofSeconds(1));
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);

            JsonObject message = event.getJsonObject("message");
            assertThat(message.getString("id")).isEqualTo(sent.getString("id"));
            assertThat(message.getString("conversationId")).isEqualTo(id);
            assertThat(message.getString("sender")).isEqualTo(alice.inboxId());
            assertThat(message.getString("type")).isEqualTo("text");
            assertThat(latencyMs).isLessThanOrEqualTo(1000);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSendersOtherTabsSeeTheirOwnMessage() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser bob = SampleUser.signedIn("bob");
        bob.inbox();
        String id = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.address()) + "}").ok(200)
                .getString("id");
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket ws = live(alice, frames);
        try {
            alice.post("/api/v1/conversations/" + id + "/messages", "{\"type\":\"text\",\"text\":\"mine\"}").ok(201);

            JsonObject event = frames.next(f -> "message".equals(f.getString("event")), Duration.ofSeconds(5));
            assertThat(event.getJsonObject("message").getString("text")).isEqualTo("mine");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNewConversationIsPushed() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser carol = SampleUser.signedIn("carol");
        carol.inbox();
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket ws = live(carol, frames);
        try {
            String id = alice.post("/api/v1/conversations/group", "{\"name\":\"Book club\",\"members\":["
                    + quote(carol.inboxId()) + "]}").ok(201).getString("id");

            JsonObject event = frames.next(f -> "conversation".equals(f.getString("event"))
                    && id.equals(f.getJsonObject("conversation").getString("id")), Duration.ofSeconds(30));
            assertThat(event.getJsonObject("conversation").getString("name")).isEqualTo("Book club");
            assertThat(event.getJsonObject("conversation").getString("kind")).isEqualTo("GROUP");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutSignInTheStreamSaysSoAndCloses() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        SampleUser.anonymous("nobody").stream(frames, Optional.empty());

        JsonObject error = frames.next(f -> true, Duration.ofSeconds(10));
        assertThat(error.getString("event")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("IDENTITY_NOT_AVAILABLE");
        assertThat(frames.closed.get(10, TimeUnit.SECONDS)).startsWith("1008");
    }

    @Test
    void anotherSitesPageMayNotOpenTheStream() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        WebSocketFrames frames = new WebSocketFrames();
        alice.stream(frames, Optional.of("https://evil.example"));

        assertThat(frames.closed.get(10, TimeUnit.SECONDS)).startsWith("1008");
        assertThat(frames.received()).isEmpty();
    }
}
