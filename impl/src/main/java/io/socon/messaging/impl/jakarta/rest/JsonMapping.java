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

    /** How many of a conversation's newest messages are read for its last message and unread count. */
    static final int RECENT_MESSAGES = 100;

    private static final GroupUpdatedCodec GROUP_UPDATED = new GroupUpdatedCodec();

    private JsonMapping() {
    }

    static InboxJson inbox(InboxInfo info) {
        return new InboxJson(info.inboxId().value(), info.address().value(), info.installationId().value());
    }

    static MemberJson member(Member member) {
        return new MemberJson(member.inboxId().value(), member.role().name());
    }

    /**
     * A conversation.
     *
     * @param peer the other inbox of a DM, empty for groups
     * @param metadata the group's metadata ({@link GroupMetadata#EMPTY} for DMs)
     * @param recent some of the newest messages, in any order
     * @param me the caller's inbox, for the unread count
     */
    static ConversationJson conversation(ConversationId id, ConversationKind kind, Optional<InboxId> peer,
            GroupMetadata metadata, Instant createdAt, List<Member> members, List<Message> recent, InboxId me) {
        List<Message> newestFirst = newestFirst(recent);
        return new ConversationJson(id.value(), kind.name(), peer.map(InboxId::value).orElse(null), metadata.name(),
                metadata.description(), metadata.imageUrl().map(URI::toString).orElse(""),
                members.stream().map(JsonMapping::member).toList(), createdAt.toString(),
                lastShown(newestFirst).map(JsonMapping::message).orElse(null), unreadCount(newestFirst, me));
    }

    /** Messages sorted newest first. */
    static List<Message> newestFirst(List<Message> messages) {
        List<Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Message::sentAt).reversed());
        return sorted;
    }

    /** The newest message that a conversation list shows: read receipts are left out. */
    static Optional<Message> lastShown(List<Message> newestFirst) {
        return newestFirst.stream().filter(m -> !(m.content() instanceof ReadReceipt)).findFirst();
    }

    /**
     * Messages from others since the caller last wrote anything (a message, a reaction or a read receipt), not
     * counting reactions, read receipts and group changes.
     */
    static int unreadCount(List<Message> newestFirst, InboxId me) {
        int unread = 0;
        for (Message m : newestFirst) {
            if (m.sender().equals(me)) {
                break;
            }
            if (counts(m.content())) {
                unread++;
            }
        }
        return unread;
    }

    private static boolean counts(Content content) {
        return !(content instanceof ReadReceipt || content instanceof Reaction
                || content instanceof Unknown u && isGroupUpdate(u));
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
