package io.socon.messaging.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.api.conversation.ConversationQuery;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.MessageQuery;
import io.socon.messaging.api.conversation.NewGroup;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentAndQueriesTest {

    private static final MessageId MESSAGE = MessageId.of("ab".repeat(32));

    @Test
    void contentTypesParseAndPrint() {
        assertThat(ContentType.parse("xmtp.org/text:1.0")).isEqualTo(ContentType.TEXT_V1);
        assertThat(ContentType.REMOTE_ATTACHMENT_V1.toString()).isEqualTo("xmtp.org/remoteStaticAttachment:1.0");
        assertThat(ContentType.parse("xmtp.org/reaction:2.0").sameTypeAs(ContentType.REACTION_V1)).isFalse();
        assertThat(ContentType.parse("xmtp.org/text:1.3").sameTypeAs(ContentType.TEXT_V1)).isTrue();
        // reactions are sent as libxmtp 1.10 sends them
        assertThat(Reaction.add(MESSAGE, "👍").type()).isEqualTo(ContentType.parse("xmtp.org/reaction:2.0"));
        assertThatThrownBy(() -> ContentType.parse("text")).hasMessageContaining("authority/type:major.minor");
    }

    @Test
    void everyContentKindHasItsTypeAndFallback() {
        Content[] all = {Text.of("hi"), Reaction.add(MESSAGE, "👍"), Reply.text(MESSAGE, "yes"), ReadReceipt.INSTANCE,
                new Attachment("a.txt", "text/plain", new byte[] {1, 2}), remote(),
                new Unknown(ContentType.parse("example.com/poll:1.0"), Optional.of("a poll"), new byte[] {9})};
        for (Content content : all) {
            String shown = switch (content) {
                case Text t -> t.text();
                case Reaction r -> r.emoji();
                case Reply r -> r.fallback().orElseThrow();
                case ReadReceipt r -> "";
                case Attachment a -> a.filename();
                case RemoteAttachment a -> a.filename().orElseThrow();
                case Unknown u -> u.fallback().orElseThrow();
            };
            assertThat(shown).isNotNull();
        }
        assertThat(Reply.text(MESSAGE, "yes").fallback()).contains("Replied with “yes” to an earlier message");
        assertThat(ReadReceipt.INSTANCE.fallback()).isEmpty();
    }

    @Test
    void byteArraysAreCopiedAndComparedByValue() {
        byte[] data = {1, 2, 3};
        var attachment = new Attachment("a.bin", "application/octet-stream", data);
        data[0] = 9;
        assertThat(attachment.data()[0]).isEqualTo((byte) 1);
        attachment.data()[1] = 9;
        assertThat(attachment.data()[1]).isEqualTo((byte) 2);
        assertThat(attachment).isEqualTo(new Attachment("a.bin", "application/octet-stream", new byte[] {1, 2, 3}));
        assertThat(remote()).isEqualTo(remote()).hasSameHashCodeAs(remote());
        assertThat(remote().toString()).contains("key material hidden").doesNotContain("secret=");
    }

    @Test
    void contentIsCheckedWithErrorsThatSayWhatToDo() {
        assertThatThrownBy(() -> Text.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Attachment("big", "application/octet-stream", new byte[Attachment.MAX_BYTES + 1]))
                .hasMessageContaining("RemoteAttachment")
                .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ErrorCode.CONTENT_TOO_LARGE));
        assertThatThrownBy(() -> new Reply(MESSAGE, Optional.empty(), Reply.text(MESSAGE, "nested")))
                .hasMessageContaining("reply with text");
        assertThatThrownBy(() -> new RemoteAttachment(URI.create("http://example.com/f"), "00".repeat(32),
                new byte[32], new byte[32], new byte[12], OptionalLong.empty(), Optional.empty()))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new RemoteAttachment(URI.create("https://example.com/f"), "00".repeat(32),
                new byte[31], new byte[32], new byte[12], OptionalLong.empty(), Optional.empty()))
                .hasMessageContaining("secret must be 32 bytes");
    }

    @Test
    void queriesCheckLimitsAndWindows() {
        MessageQuery latest = MessageQuery.latest(50);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(latest.before(t).sentBefore()).contains(t);
        assertThatThrownBy(() -> MessageQuery.latest(0)).hasMessageContaining("between 1 and 500");
        assertThatThrownBy(() -> MessageQuery.latest(10).before(t).after(t.plusSeconds(1)))
                .hasMessageContaining("must be before");
        assertThat(ConversationQuery.recent(20).consent()).doesNotContain(io.socon.messaging.api.conversation.ConsentState.DENIED);
        assertThatThrownBy(() -> ConversationQuery.recent(20).onlyKinds(Set.of())).hasMessageContaining("match nothing");
    }

    @Test
    void groupsCheckMetadataAndMembers() {
        assertThatThrownBy(() -> GroupMetadata.named("x".repeat(101))).hasMessageContaining("100");
        assertThatThrownBy(() -> GroupMetadata.EMPTY.withImageUrl(Optional.of(URI.create("file:///etc/passwd"))))
                .hasMessageContaining("http(s)");
        NewGroup group = NewGroup.named("team", Set.of(EthereumAddress.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
                InboxId.of("cd".repeat(32))));
        assertThat(group.members()).hasSize(2);
        assertThat(group.permissions()).isEqualTo(NewGroup.Permissions.ALL_MEMBERS);
    }

    private static RemoteAttachment remote() {
        return new RemoteAttachment(URI.create("https://files.example.com/x"), "AB".repeat(32), new byte[32],
                new byte[32], new byte[12], OptionalLong.of(10), Optional.of("x.png"));
    }
}
