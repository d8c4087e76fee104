package io.socon.messaging.impl.client;

import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.client.content.GroupUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as the client shows it.
 *
 * @param id             XMTP's message id, hex (what reactions and replies reference)
 * @param conversationId the conversation's group id, hex
 * @param senderInboxId  who sent it
 * @param sentAtNs       the node's timestamp (local time while not yet published)
 * @param contentType    the XMTP content type
 * @param content        the decoded content ({@code Unknown} with the fallback text for types we do not know,
 *                       and for group updates)
 * @param groupUpdate    for a membership or metadata change, what changed
 * @param published      whether the node has it
 * @param shouldPush     whether XMTP would push-notify it (its content type says so; never for group updates):
 *                       what counts as unread
 */
public record ClientMessage(String id, String conversationId, String senderInboxId, long sentAtNs,
                           ContentType contentType, Content content, Optional<GroupUpdate> groupUpdate,
                           boolean published, boolean shouldPush) {

    public ClientMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderInboxId, "senderInboxId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(groupUpdate, "groupUpdate");
    }
}
