package io.socon.messaging.it.xmtp;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * A decoded message, from {@code messages} or a message stream.
 *
 * @param contentType e.g. {@code xmtp.org/text:1.0} or {@code xmtp.org/group_updated:1.0}
 * @param text the content when it is a string (text, markdown); {@code null} otherwise
 * @param kind {@code application} or {@code membershipChange}
 * @param deliveryStatus {@code unpublished}, {@code published} or {@code failed}
 * @param json everything the peer sent: also {@code content} (other non-text content), {@code reaction},
 *     {@code reply} (null unless the message is one), {@code reactions} (the reaction messages libxmtp
 *     attached to this one), {@code numReplies} and {@code fallback}
 */
public record PeerMessage(String id, String conversationId, String senderInboxId, String contentType,
        String text, String kind, String deliveryStatus, long sentAtNs, JsonObject json) {

    public boolean isText() {
        return text != null;
    }

    /** The reaction this message carries, when it is a reaction ({@code xmtp.org/reaction}). */
    public Optional<PeerReaction> reaction() {
        return PeerJson.reaction(json);
    }

    /** The reply this message carries, when it is a reply ({@code xmtp.org/reply}). */
    public Optional<PeerReply> reply() {
        return PeerJson.reply(json);
    }

    /**
     * The reaction messages (added and removed, in libxmtp's order) attached to this message when listed;
     * empty for streamed messages.
     */
    public List<PeerMessage> reactions() {
        return PeerJson.objects(json, "reactions").stream().map(PeerJson::message).toList();
    }

    /** How many replies libxmtp counted for this message. */
    public long numReplies() {
        return json.containsKey("numReplies") ? PeerJson.number(json, "numReplies") : 0;
    }

    /** The other content (neither string, reaction nor reply), e.g. a group update; JSON null if none. */
    public JsonValue content() {
        return json.getOrDefault("content", JsonValue.NULL);
    }
}
