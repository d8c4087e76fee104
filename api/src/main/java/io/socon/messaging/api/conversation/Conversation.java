package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.Text;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A conversation this inbox is a member of: a {@link Dm} or a {@link Group}. A handle, not a snapshot:
 * methods read the current state. Thread-safe.
 */
public sealed interface Conversation permits Dm, Group {

    /** The conversation id. */
    ConversationId id();

    /** DM or group. */
    ConversationKind kind();

    /** When this inbox joined (created or was added to) the conversation. */
    Instant createdAt();

    /** This inbox's consent state for the conversation, as last synced. */
    ConsentState consent();

    /** Records the user's decision about the conversation; it is synced to the inbox's other installations. */
    CompletionStage<Void> updateConsent(ConsentState state);

    /**
     * Encrypts and sends a message.
     *
     * @return completes with the message (status {@code PUBLISHED}) once the node accepted it; fails with
     *     {@code NOT_A_MEMBER}, {@code CONSENT_DENIED}, {@code MESSAGE_NOT_FOUND} (a reply or reaction to an
     *     unknown message), {@code CONTENT_TOO_LARGE} or {@code NODE_UNAVAILABLE}
     * @throws io.socon.messaging.api.InvalidValueException if {@code content} is null
     */
    CompletionStage<Message> send(Content content);

    /** Sends plain text; shorthand for {@code send(Text.of(text))}. */
    default CompletionStage<Message> sendText(String text) {
        return send(Text.of(text));
    }

    /**
     * Marks every message of the conversation up to now as read by this inbox, so {@link #unreadCount()} becomes
     * 0, and, if there were unread messages from others, tells the other members with a read receipt
     * ({@link ReadReceipt}; send one yourself with {@code send(ReadReceipt.INSTANCE)} to force it). Marking a
     * conversation this inbox can no longer send to (removed, denied) only records the local read state.
     *
     * @return completes when the read state is stored (and the receipt, if any, published)
     */
    CompletionStage<Void> markRead();

    /**
     * How many messages arrived from others since this inbox last {@link #markRead() marked the conversation read}.
     * Counts what XMTP would push-notify (text, replies, attachments, content types without a codec), not
     * reactions, read receipts or membership changes.
     */
    CompletionStage<Long> unreadCount();

    /**
     * The newest message worth showing in a conversation list: the newest one that is not a read receipt
     * (membership changes count); empty if there is none.
     */
    CompletionStage<java.util.Optional<Message>> lastMessage();

    /** Lists messages from local storage (kept current by streams and {@link #sync()}). */
    CompletionStage<MessagePage> messages(MessageQuery query);

    /** The current members. */
    CompletionStage<List<Member>> members();

    /** Fetches this conversation's new messages and changes from the node. */
    CompletionStage<Void> sync();

    /**
     * A stream of new messages in this conversation. Each subscriber gets its own stream; cancel its
     * {@link Flow.Subscription} to stop.
     */
    Flow.Publisher<Message> messageStream();
}
