package io.socon.messaging.it.module;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user of the deployed archive's REST API and stream who signs in with HTTP Basic authentication against the
 * server's user registry (server.xml), so the module's default {@code HostUserResolver} (the container principal)
 * decides who calls. Runs in the test JVM.
 */
final class BasicAuthUser {

    /** An answer: status, content type and JSON body (if any). */
    record Reply(int status, String contentType, String body) {

        JsonObject json() {
            assertThat(body).as("a JSON body (HTTP " + status + ")").isNotBlank();
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        JsonObject ok(int expected) {
            assertThat(status).as("status of " + body).isEqualTo(expected);
            assertThat(contentType).startsWith("application/json");
            return json();
        }

        JsonObject problem(int expected, String code) {
            assertThat(status).as("status of " + body).isEqualTo(expected);
            assertThat(contentType).startsWith("application/problem+json");
            JsonObject problem = json();
            assertThat(problem.getString("code")).isEqualTo(code);
            assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
            return problem;
        }
    }

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BasicAuthUser(URL base, Optional<String> authorization) {
        this.base = URI.create(base.toString().replaceAll("/$", ""));
        this.authorization = authorization;
    }

    static BasicAuthUser signedIn(URL base, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BasicAuthUser(base, Optional.of("Basic " + token));
    }

    static BasicAuthUser anonymous(URL base) {
        return new BasicAuthUser(base, Optional.empty());
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Opens the message stream with the same credentials. */
    WebSocket stream(WebSocket.Listener listener) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder.buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "/api/v1/stream"), listener)
                .get(30, TimeUnit.SECONDS);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }
}
