package io.socon.messaging.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One person using the sample app over HTTP, as the chat page does: their own cookie jar (the sign-in session),
 * JSON in and out, and the WebSocket stream.
 */
final class SampleUser {

    /** What the server answered. */
    record Reply(int status, String contentType, String body, HttpResponse<String> response) {

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonStructure parse() {
            assertThat(body).as("a JSON body (HTTP " + status + ")").isNotBlank();
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        /** Asserts a problem+json answer with this status and code, and returns it. */
        JsonObject problem(int expectedStatus, String expectedCode) {
            assertThat(status).as("status of " + body).isEqualTo(expectedStatus);
            assertThat(contentType).as("content type").startsWith("application/problem+json");
            JsonObject p = json();
            assertThat(p.getString("code")).isEqualTo(expectedCode);
            assertThat(p.getInt("status")).isEqualTo(expectedStatus);
            assertThat(p.getString("type")).startsWith("https://socon.io/problems/");
            assertThat(p.getString("title")).isNotBlank();
            assertThat(p.getString("detail")).isNotBlank().doesNotContain("Exception", "\tat ");
            return p;
        }

        /** Asserts a JSON answer with this status and returns its object. */
        JsonObject ok(int expectedStatus) {
            assertThat(status).as("status of " + body).isEqualTo(expectedStatus);
            assertThat(contentType).startsWith("application/json");
            return json();
        }
    }

    final String name;
    private final HttpClient http;
    private JsonObject inbox;

    private SampleUser(String name) {
        this.name = name;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String baseUrl() {
        String url = System.getProperty("sample.baseUrl");
        assertThat(url).as("system property sample.baseUrl (set by failsafe)").isNotBlank();
        return url;
    }

    /** A user nobody signed in as yet: the name is unique to this run, since the sample server keeps its data. */
    static SampleUser anonymous(String prefix) {
        return new SampleUser(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A demo user, signed in. */
    static SampleUser signedIn(String prefix) throws Exception {
        SampleUser user = anonymous(prefix);
        JsonObject signedIn = user.post("/api/v1/session/demo", "{\"name\":\"" + user.name + "\"}").ok(200);
        assertThat(signedIn.getString("user")).isEqualTo(user.name);
        return user;
    }

    /** {@code GET /api/v1/inbox}, once. */
    JsonObject inbox() throws Exception {
        if (inbox == null) {
            inbox = get("/api/v1/inbox").ok(200);
        }
        return inbox;
    }

    String inboxId() throws Exception {
        return inbox().getString("inboxId");
    }

    String address() throws Exception {
        return inbox().getString("address");
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply patch(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /** Opens the stream with this user's session cookie. */
    WebSocket stream(WebSocket.Listener listener, Optional<String> origin) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        origin.ifPresent(o -> builder.header("Origin", o));
        CompletableFuture<WebSocket> open = builder.buildAsync(
                URI.create(baseUrl().replaceFirst("^http", "ws") + "/api/v1/stream"), listener);
        return open.get(30, TimeUnit.SECONDS);
    }

    /** The conversation with this id in the user's list, after a sync. */
    Optional<JsonObject> findConversation(String id) throws Exception {
        assertThat(post("/api/v1/conversations/sync").status()).isEqualTo(204);
        JsonArray list = get("/api/v1/conversations?limit=100").ok(200).getJsonArray("conversations");
        return list.getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(id)).findFirst();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response);
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }
}
