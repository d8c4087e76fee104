package io.socon.messaging.spi.notify;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.conversation.ConversationKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A new message for a host user who has no live connection (no WebSocket, no stream subscriber), so that a
 * sink can wake them: push, mail, a webhook to the host's own backend.
 *
 * <p>By default it carries no plaintext: end-to-end encryption ends at this server, and a notification travels
 * further (to push services, mail providers). {@code preview} is filled only when the operator enables
 * previews in the configuration.
 *
 * @param id unique per notification; sinks use it to drop duplicates (delivery is at least once)
 * @param recipient the host user to notify
 * @param recipientInbox that user's inbox
 * @param conversationId where the message arrived
 * @param conversationKind DM or group
 * @param messageId the message
 * @param sender the inbox that sent it
 * @param contentType what kind of content it is (text, attachment, ...)
 * @param sentAt when it was sent
 * @param preview the beginning of the message text, only if previews are enabled; otherwise empty
 */
public record Notification(UUID id, HostUser recipient, InboxId recipientInbox, ConversationId conversationId,
        ConversationKind conversationKind, MessageId messageId, InboxId sender, ContentType contentType,
        Instant sentAt, Optional<String> preview) {

    /** Longest preview. */
    public static final int MAX_PREVIEW_LENGTH = 200;

    /** @throws NullPointerException if a component is null; @throws IllegalArgumentException if the preview is too long */
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(recipientInbox, "recipientInbox");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(conversationKind, "conversationKind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(preview, "preview");
        if (preview.isPresent() && preview.get().length() > MAX_PREVIEW_LENGTH) {
            throw new IllegalArgumentException("a preview is at most " + MAX_PREVIEW_LENGTH + " characters, got "
                    + preview.get().length() + "; truncate it");
        }
    }

    /** A copy without the preview. */
    public Notification withoutPreview() {
        return new Notification(id, recipient, recipientInbox, conversationId, conversationKind, messageId, sender,
                contentType, sentAt, Optional.empty());
    }
}
