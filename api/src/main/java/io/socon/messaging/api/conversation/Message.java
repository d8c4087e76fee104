package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Content;
import java.time.Instant;

/**
 * A message in a conversation, decrypted.
 *
 * @param id the message id, the same for every member
 * @param conversationId where it was sent
 * @param sender the inbox that sent it
 * @param sentAt when the sender sent it (the node's timestamp, nanosecond precision)
 * @param content what it carries; {@link io.socon.messaging.api.content.Unknown} for types this library does
 *     not decode
 * @param status whether it has reached the node
 */
public record Message(MessageId id, ConversationId conversationId, InboxId sender, Instant sentAt, Content content,
        DeliveryStatus status) {

    /** Whether a message has reached the node. */
    public enum DeliveryStatus {
        /** Sent by this inbox and not yet accepted by the node. */
        UNPUBLISHED,
        /** Accepted by the node; every member will receive it. */
        PUBLISHED,
        /** The node refused it or sending gave up; it will not be delivered. */
        FAILED
    }

    /** @throws InvalidValueException if a component is null */
    public Message {
        if (id == null || conversationId == null || sender == null || sentAt == null || content == null
                || status == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "every component of a message is required");
        }
    }
}
