package io.socon.messaging.impl.jakarta.rest;

import static io.socon.messaging.impl.jakarta.rest.ProblemsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InboxInfo;
import io.socon.messaging.api.InstallationId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Member;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.impl.client.content.GroupUpdate;
import io.socon.messaging.impl.client.content.GroupUpdatedCodec;
import io.socon.messaging.impl.client.content.XmtpContentTypes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API's records as the JSON of docs/rest-api.md, written by JSON-B (Yasson, as in Liberty). */
class JsonMappingTest {

    static final InboxId ME = InboxId.of("a".repeat(64));
    static final InboxId PEER = InboxId.of("b".repeat(64));
    static final ConversationId CONVERSATION = ConversationId.of("0123456789abcdef0123456789abcdef");
    static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123456789Z");

    private static int ids;

    static Message message(InboxId sender, Instant at, Content content) {
        String id = String.format("%064x", ++ids);
        return new Message(MessageId.of(id), CONVERSATION, sender, at, content, Message.DeliveryStatus.PUBLISHED);
    }

    static JsonObject json(Object value) {
        return parse(RestJson.write(value));
    }

    @Test
    void inbox() {
        JsonObject json = json(JsonMapping.inbox(new InboxInfo(ME, EthereumAddress.of("0x" + "C".repeat(40)),
                InstallationId.of("d".repeat(64)))));

        assertThat(json.keySet()).containsExactly("inboxId", "address", "installationId");
        assertThat(json.getString("address")).isEqualTo("0x" + "c".repeat(40));
    }

    @Test
    void aTextMessageHasItsTextAndExactNanoseconds() {
        Message m = message(PEER, T0, Text.of("hello 👋"));

        JsonObject json = json(JsonMapping.message(m));

        assertThat(json.keySet()).containsExactly("id", "conversationId", "sender", "sentAt", "sentAtNs", "status",
                "type", "contentType", "text");
        assertThat(json.getString("id")).isEqualTo(m.id().value());
        assertThat(json.getString("conversationId")).isEqualTo(CONVERSATION.value());
        assertThat(json.getString("sender")).isEqualTo(PEER.value());
        assertThat(json.getString("sentAt")).isEqualTo("2026-11-27T10:15:30.123456789Z");
        assertThat(json.getJsonNumber("sentAtNs").longValueExact()).isEqualTo(1795774530123456789L);
        assertThat(json.getString("status")).isEqualTo("PUBLISHED");
        assertThat(json.getString("type")).isEqualTo("text");
        assertThat(json.getString("contentType")).isEqualTo("xmtp.org/text:1.0");
        assertThat(json.getString("text")).isEqualTo("hello 👋");
    }

    @Test
    void replyAndReactionNameTheirReference() {
        MessageId target = MessageId.of("e".repeat(64));

        JsonObject reply = json(JsonMapping.message(message(PEER, T0, Reply.text(target, "me too"))));
        JsonObject reaction = json(JsonMapping.message(message(PEER, T0, Reaction.remove(target, "👍"))));

        assertThat(reply.getString("type")).isEqualTo("reply");
        assertThat(reply.getString("contentType")).isEqualTo("xmtp.org/reply:1.0");
        assertThat(reply.getString("text")).isEqualTo("me too");
        assertThat(reply.getString("reference")).isEqualTo(target.value());
        assertThat(reply.containsKey("fallback")).isFalse();
        assertThat(reaction.getString("type")).isEqualTo("reaction");
        assertThat(reaction.getString("reference")).isEqualTo(target.value());
        assertThat(reaction.getString("emoji")).isEqualTo("👍");
        assertThat(reaction.getString("action")).isEqualTo("REMOVED");
        assertThat(reaction.containsKey("text")).isFalse();
    }

    @Test
    void otherContentShowsItsFallback() {
        JsonObject receipt = json(JsonMapping.message(message(PEER, T0, ReadReceipt.INSTANCE)));
        JsonObject attachment = json(JsonMapping.message(message(PEER, T0,
                new Attachment("cat.png", "image/png", new byte[] {1, 2, 3}))));
        JsonObject unknown = json(JsonMapping.message(message(PEER, T0, new Unknown(
                ContentType.parse("example.com/poll:2.0"), Optional.of("A poll: lunch?"), new byte[] {9}))));

        assertThat(receipt.getString("type")).isEqualTo("readReceipt");
        assertThat(receipt.containsKey("fallback")).isFalse();
        assertThat(attachment.getString("type")).isEqualTo("attachment");
        assertThat(attachment.getString("fallback")).contains("cat.png");
        assertThat(unknown.getString("type")).isEqualTo("unknown");
        assertThat(unknown.getString("contentType")).isEqualTo("example.com/poll:2.0");
        assertThat(unknown.getString("fallback")).isEqualTo("A poll: lunch?");
    }

    @Test
    void aGroupUpdateIsDecoded() {
        InboxId carol = InboxId.of("c".repeat(64));
        GroupUpdate update = new GroupUpdate(Optional.of(ME), List.of(PEER), List.of(), List.of(carol), List.of(),
                List.of(), List.of(), List.of(), List.of(new GroupUpdate.FieldChange("group_name",
                        Optional.of("old"), Optional.of("Lunch"))));
        byte[] content = new GroupUpdatedCodec().encode(update).getContent().toByteArray();

        JsonObject json = json(JsonMapping.message(message(ME, T0,
                new Unknown(XmtpContentTypes.GROUP_UPDATED, Optional.empty(), content))));

        assertThat(json.getString("type")).isEqualTo("groupUpdated");
        assertThat(json.getString("contentType")).isEqualTo("xmtp.org/group_updated:1.0");
        JsonObject u = json.getJsonObject("update");
        assertThat(u.getJsonArray("added").getString(0)).isEqualTo(PEER.value());
        assertThat(u.getJsonArray("removed").getString(0)).isEqualTo(carol.value());
        assertThat(u.getString("by")).isEqualTo(ME.value());
        assertThat(u.getString("name")).isEqualTo("Lunch");
    }

    @Test
    void aDmWithoutMessagesHasAnExplicitNullLastMessage() {
        JsonObject json = json(JsonMapping.conversation(CONVERSATION, ConversationKind.DM, Optional.of(PEER),
                GroupMetadata.EMPTY, T0, List.of(member(ME, Role.MEMBER), member(PEER, Role.MEMBER)), Optional.empty(), 0));

        assertThat(json.keySet()).containsExactly("id", "kind", "peer", "name", "description", "imageUrl", "members",
                "createdAt", "lastMessage", "unreadCount");
        assertThat(json.getString("kind")).isEqualTo("DM");
        assertThat(json.getString("peer")).isEqualTo(PEER.value());
        assertThat(json.getString("name")).isEmpty();
        assertThat(json.get("lastMessage")).isEqualTo(JsonValue.NULL);
        assertThat(json.getInt("unreadCount")).isZero();
        assertThat(json.getJsonArray("members").getJsonObject(1).getString("inboxId")).isEqualTo(PEER.value());
        assertThat(json.getJsonArray("members").getJsonObject(1).getString("role")).isEqualTo("MEMBER");
    }

    @Test
    void aGroupHasItsMetadataAndNoPeer() {
        JsonObject json = json(JsonMapping.conversation(CONVERSATION, ConversationKind.GROUP, Optional.empty(),
                new GroupMetadata("Lunch", "where to eat", Optional.of(URI.create("https://example.com/l.png"))), T0,
                List.of(member(ME, Role.SUPER_ADMIN)), Optional.empty(), 0));

        assertThat(json.containsKey("peer")).isFalse();
        assertThat(json.getString("kind")).isEqualTo("GROUP");
        assertThat(json.getString("name")).isEqualTo("Lunch");
        assertThat(json.getString("description")).isEqualTo("where to eat");
        assertThat(json.getString("imageUrl")).isEqualTo("https://example.com/l.png");
        assertThat(json.getJsonArray("members").getJsonObject(0).getString("role")).isEqualTo("SUPER_ADMIN");
    }

    @Test
    void theLastMessageAndUnreadCountAreShown() {
        Message last = message(PEER, T0.plusSeconds(5), Text.of("four"));

        JsonObject json = json(JsonMapping.conversation(CONVERSATION, ConversationKind.DM, Optional.of(PEER),
                GroupMetadata.EMPTY, T0, List.of(), Optional.of(last), 2));

        assertThat(json.getJsonObject("lastMessage").getString("text")).isEqualTo("four");
        assertThat(json.getJsonObject("lastMessage").getString("id")).isEqualTo(last.id().value());
        assertThat(json.getJsonNumber("unreadCount").longValueExact()).isEqualTo(2);
    }

    @Test
    void pagesAreSortedNewestFirstWhateverTheOrderGiven() {
        Message one = message(PEER, T0.plusSeconds(1), Text.of("one"));
        Message two = message(ME, T0.plusSeconds(2), Text.of("two"));
        Message three = message(PEER, T0.plusSeconds(3), Text.of("three"));

        assertThat(JsonMapping.newestFirst(List.of(two, three, one))).containsExactly(three, two, one);
    }

    private static Member member(InboxId id, Role role) {
        return new Member(id, role, List.of(EthereumAddress.of("0x" + "1".repeat(40))), ConsentState.ALLOWED);
    }
}
