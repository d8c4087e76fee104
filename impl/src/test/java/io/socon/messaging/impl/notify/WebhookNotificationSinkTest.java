package io.socon.messaging.impl.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against a local HTTP server: signed requests, retries after failures, giving up. */
class WebhookNotificationSinkTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    record Received(String id, String timestamp, String signature, byte[] body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile int failureStatus = 500;
    URI url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/socon", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/socon?token=hidden");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static Notification notification(Optional<String> preview) {
        return new Notification(UUID.randomUUID(), HostUser.of("alice \"the\" user"), InboxId.of("a".repeat(64)),
                ConversationId.of("0123abcd"), ConversationKind.DM, MessageId.of("b".repeat(64)),
                InboxId.of("c".repeat(64)), ContentType.TEXT_V1, Instant.parse("2025-01-02T03:04:05.123456789Z"),
                preview);
    }

    WebhookNotificationSink sink(List<Duration> retries) {
        return WebhookNotificationSink.of(url, SECRET, retries, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @Test
    void postsASignedNotificationAndRetriesAfterServerErrors() throws Exception {
        failuresLeft.set(2);
        Notification n = notification(Optional.of("hi\nthere"));
        try (WebhookNotificationSink sink = sink(List.of(Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMillis(50)))) {
            sink.deliver(n).toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        assertThat(received).hasSize(3);
        WebhookSignature verifier = WebhookSignature.fromSecret(SECRET);
        for (Received r : received) {
            assertThat(r.id()).as("the same id on every attempt").isEqualTo(n.id().toString());
            assertThat(verifier.verify(r.id(), Long.parseLong(r.timestamp()), r.body(), r.signature(), Instant.now(),
                    WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
        }
        String json = new String(received.get(2).body(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"id\":\"" + n.id() + "\",\"recipient\":\"alice \\\"the\\\" user\","
                + "\"recipientInbox\":\"" + "a".repeat(64) + "\",\"conversationId\":\"0123abcd\","
                + "\"conversationKind\":\"DM\",\"messageId\":\"" + "b".repeat(64) + "\",\"sender\":\""
                + "c".repeat(64) + "\",\"contentType\":\"xmtp.org/text:1.0\","
                + "\"sentAt\":\"2025-01-02T03:04:05.123456789Z\",\"preview\":\"hi\\nthere\"}");
        assertThat(verifier.verify(received.get(0).id(), Long.parseLong(received.get(0).timestamp()),
                "tampered".getBytes(StandardCharsets.UTF_8), received.get(0).signature(), Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
    }

    @Test
    void givesUpAfterTheLastRetryAndNeverRetriesGone() throws Exception {
        failuresLeft.set(100);
        try (WebhookNotificationSink sink = sink(List.of(Duration.ofMillis(20), Duration.ofMillis(20)))) {
            assertThatThrownBy(() -> sink.deliver(notification(Optional.empty())).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS)).hasMessageContaining("not delivered after 3 attempts")
                    .hasMessageContaining("HTTP 500");
            assertThat(received).hasSize(3);
            assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8)).doesNotContain("preview");

            received.clear();
            failureStatus = 410;
            assertThatThrownBy(() -> sink.deliver(notification(Optional.empty())).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS)).hasMessageContaining("410");
            assertThat(received).hasSize(1);
            assertThat(sink.toString()).doesNotContain(SECRET.substring(6)).doesNotContain("token=hidden");
        }
    }

    @Test
    void refusesBadUrlsAndSecrets() {
        assertThatThrownBy(() -> WebhookNotificationSink.of(URI.create("ftp://x/y"), SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookNotificationSink.of(url, "not-a-secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not-a-secret");
    }
}
