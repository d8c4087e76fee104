package io.socon.messaging.it.xmtp;

import jakarta.json.JsonObject;

/**
 * A decoded message, from {@code messages} or a message stream.
 *
 * @param contentType e.g. {@code xmtp.org/text:1.0} or {@code xmtp.org/group_updated:1.0}
 * @param text the content when it is a string (text, markdown); {@code null} otherwise
 * @param kind {@code application} or {@code membershipChange}
 * @param deliveryStatus {@code unpublished}, {@code published} or {@code failed}
 * @param json everything the peer sent, e.g. {@code content} for non-text messages
 */
public record PeerMessage(String id, String conversationId, String senderInboxId, String contentType,
        String text, String kind, String deliveryStatus, long sentAtNs, JsonObject json) {

    public boolean isText() {
        return text != null;
    }
}
