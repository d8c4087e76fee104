package io.socon.messaging.impl.jakarta.rest;

import com.google.protobuf.ByteString;
import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InboxInfo;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Member;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.client.content.GroupUpdate;
import io.socon.messaging.impl.client.content.GroupUpdatedCodec;
import io.socon.messaging.impl.client.content.XmtpContentTypes;
import io.socon.messaging.impl.jakarta.rest.json.ConversationJson;
import io.socon.messaging.impl.jakarta.rest.json.GroupUpdateJson;
import io.socon.messaging.impl.jakarta.rest.json.InboxJson;
import io.socon.messaging.impl.jakarta.rest.json.MemberJson;
import io.socon.messaging.impl.jakarta.rest.json.MessageJson;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** From the API's records to the JSON records of the contract. Pure functions. */
final class JsonMapping {

    private static final GroupUpdatedCodec GROUP_UPDATED = new GroupUpdatedCodec();

    private JsonMapping() {
    }

    static InboxJson inbox(InboxInfo info) {
        return new InboxJson(info.inboxId().value(), info.address().value(), info.installationId().value());
    }

    static MemberJson member(Member member) {
        return new MemberJson(member.inboxId().value(), member.role().name(),
                member.addresses().stream().map(a -> a.value()).toList());
    }

    /**
     * A conversation.
     *
     * @param peer the other inbox of a DM, empty for groups
     * @param metadata the group's metadata ({@link GroupMetadata#EMPTY} for DMs)
     * @param lastMessage {@code Conversation.lastMessage()}
     * @param unreadCount {@code Conversation.unreadCount()}
     */
    static ConversationJson conversation(ConversationId id, ConversationKind kind, Optional<InboxId> peer,
            GroupMetadata metadata, Instant createdAt, List<Member> members, Optional<Message> lastMessage,
            long unreadCount) {
        return new ConversationJson(id.value(), kind.name(), peer.map(InboxId::value).orElse(null), metadata.name(),
                metadata.description(), metadata.imageUrl().map(URI::toString).orElse(""),
                members.stream().map(JsonMapping::member).toList(), createdAt.toString(),
                lastMessage.map(JsonMapping::message).orElse(null), unreadCount);
    }

    /** Messages sorted newest first. */
    static List<Message> newestFirst(List<Message> messages) {
        List<Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Message::sentAt).reversed());
        return sorted;
    }

    static MessageJson message(Message m) {
        long nanos = Cursors.nanos(m.sentAt());
        Content content = m.content();
        String contentType = content.type().toString();
        String fallback = content.fallback().orElse(null);
        MessageJson base = new MessageJson(m.id().value(), m.conversationId().value(), m.sender().value(),
                m.sentAt().toString(), nanos, m.status().name(), "unknown", contentType, null, null, null, null,
                null, fallback);
        return switch (content) {
            case Text t -> with(base, "text", t.text(), null, null, null, null, null);
            case Reply r -> with(base, "reply", replyText(r), r.reference().value(), null, null, null,
                    r.content() instanceof Text ? null : fallback);
            case Reaction r -> with(base, "reaction", null, r.reference().value(), r.emoji(), r.action().name(),
                    null, fallback);
            case ReadReceipt r -> with(base, "readReceipt", null, null, null, null, null, null);
            case Attachment a -> with(base, "attachment", null, null, null, null, null, fallback);
            case RemoteAttachment a -> with(base, "remoteAttachment", null, null, null, null, null, fallback);
            case Unknown u -> groupUpdate(u)
                    .map(update -> with(base, "groupUpdated", null, null, null, null, update, fallback))
                    .orElseGet(() -> with(base, "unknown", null, null, null, null, null, fallback));
        };
    }

    private static MessageJson with(MessageJson b, String type, String text, String reference, String emoji,
            String action, GroupUpdateJson update, String fallback) {
        return new MessageJson(b.id(), b.conversationId(), b.sender(), b.sentAt(), b.sentAtNs(), b.status(), type,
                b.contentType(), text, reference, emoji, action, update, fallback);
    }

    private static String replyText(Reply reply) {
        return reply.content() instanceof Text t ? t.text() : reply.content().fallback().orElse("");
    }

    private static boolean isGroupUpdate(Unknown u) {
        return u.type().sameTypeAs(XmtpContentTypes.GROUP_UPDATED);
    }

    /** A group change, decoded from the {@code group_updated} content libxmtp and our engine record. */
    static Optional<GroupUpdateJson> groupUpdate(Unknown u) {
        if (!isGroupUpdate(u)) {
            return Optional.empty();
        }
        GroupUpdate update;
        try {
            update = GROUP_UPDATED.decode(EncodedContent.newBuilder()
                    .setContent(ByteString.copyFrom(u.encoded())).build());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String name = update.metadataChanges().stream()
                .filter(c -> "group_name".equals(c.field()))
                .map(c -> c.newValue().orElse(""))
                .reduce((first, second) -> second)
                .orElse(null);
        return Optional.of(new GroupUpdateJson(
                update.added().stream().map(InboxId::value).toList(),
                Stream.concat(update.removed().stream(), update.left().stream()).map(InboxId::value).toList(),
                update.initiatedBy().map(InboxId::value).orElse(null), name));
    }
}
