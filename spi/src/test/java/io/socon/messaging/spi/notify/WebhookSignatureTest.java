package io.socon.messaging.spi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.conversation.ConversationKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;

    @Test
    void reproducesTheStandardWebhooksTestVector() {
        var signature = WebhookSignature.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signature.sign(ID, TIMESTAMP, BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesOneOfSeveralSignaturesWithinTheReplayWindow() {
        var signature = WebhookSignature.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Instant sent = Instant.ofEpochSecond(TIMESTAMP);
        String header = "v1,bm9wZQ== " + signature.sign(ID, TIMESTAMP, BODY);
        assertThat(signature.verify(ID, TIMESTAMP, BODY, header, sent.plusSeconds(60), WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
        assertThat(signature.verify(ID, TIMESTAMP, BODY, header, sent.plus(Duration.ofMinutes(6)),
                WebhookSignature.DEFAULT_TOLERANCE)).as("too old").isFalse();
        assertThat(signature.verify(ID, TIMESTAMP, "{}".getBytes(StandardCharsets.UTF_8), header, sent,
                WebhookSignature.DEFAULT_TOLERANCE)).as("other body").isFalse();
        assertThat(signature.verify("msg_other", TIMESTAMP, BODY, header, sent, WebhookSignature.DEFAULT_TOLERANCE))
                .as("other id").isFalse();
        assertThat(signature.toString()).doesNotContain("MfKQ");
    }

    @Test
    void refusesMalformedSecrets() {
        assertThatThrownBy(() -> WebhookSignature.fromSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSignature.fromSecret("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> WebhookSignature.fromSecret("whsec_!!!")).hasMessageContaining("not Base64");
    }

    @Test
    void notificationsCarryNoPlaintextUnlessAPreviewIsGiven() {
        var n = new Notification(UUID.randomUUID(), HostUser.of("bob"), InboxId.of("ab".repeat(32)),
                ConversationId.of("cd".repeat(16)), ConversationKind.DM, MessageId.of("ef".repeat(32)),
                InboxId.of("12".repeat(32)), ContentType.TEXT_V1, Instant.EPOCH, Optional.of("hello"));
        assertThat(n.withoutPreview().preview()).isEmpty();
        assertThatThrownBy(() -> new Notification(n.id(), n.recipient(), n.recipientInbox(), n.conversationId(),
                n.conversationKind(), n.messageId(), n.sender(), n.contentType(), n.sentAt(), Optional.of("x".repeat(201))))
                .hasMessageContaining("truncate");
        assertThat(NotificationSinks.none().deliver(n).toCompletableFuture()).isCompleted();
        assertThat(NotificationSinks.logging().deliver(n).toCompletableFuture()).isCompleted();
        assertThat(NotificationSinks.none().accepts(n)).isTrue();
    }
}
