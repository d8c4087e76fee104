package io.socon.messaging.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs against the sample app's WAR on a real Open Liberty with the sample app's own server.xml (the
 * README's run command), started by the liberty-maven-plugin on a free port ({@code sample.baseUrl}).
 */
class SampleServerIT {

    /** The name of the sample app's readiness check ({@code SampleReadiness}). */
    private static final String READINESS_CHECK = "socon-sample";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static String baseUrl() {
        String url = System.getProperty("sample.baseUrl");
        assertThat(url).as("system property sample.baseUrl (set by failsafe)").isNotBlank();
        return url;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessReportsTheSampleAppUp() throws Exception {
        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonObject health;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            health = reader.readObject();
        }
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("checks").getValuesAs(JsonObject.class))
                .anySatisfy(check -> {
                    assertThat(check.getString("name")).isEqualTo(READINESS_CHECK);
                    assertThat(check.getString("status")).isEqualTo("UP");
                    assertThat(check.getJsonObject("data").getString("xmtpNode"))
                            .startsWith("listening on 127.0.0.1:" + System.getProperty("sample.nodePort"));
                });
    }

    @Test
    void theEmbeddedXmtpNodeAnswersGrpc() throws Exception {
        int port = Integer.parseInt(System.getProperty("sample.nodePort"));
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var answer = io.socon.messaging.impl.wire.identity.api.v1.IdentityApiGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                    .getInboxIds(io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsRequest.newBuilder()
                            .addRequests(io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsRequest.Request.newBuilder()
                                    .setIdentifier("0x" + "4".repeat(40)))
                            .build());
            assertThat(answer.getResponsesCount()).isEqualTo(1);
            assertThat(answer.getResponses(0).hasInboxId()).isFalse();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void rootServesTheWebPage() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Socon Messaging</title>");
    }
}
