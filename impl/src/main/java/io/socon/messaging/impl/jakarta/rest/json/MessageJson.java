package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message. Which content members are present depends on {@code type}: {@code text} for text and replies,
 * {@code reference} for replies and reactions, {@code emoji} and {@code action} for reactions, {@code update}
 * for group changes, {@code fallback} for other types.
 *
 * @param id 64 hex digits
 * @param conversationId the conversation's id
 * @param sender the sender's inbox id
 * @param sentAt ISO-8601 instant
 * @param sentAtNs the same instant in nanoseconds since the epoch
 * @param status {@code PUBLISHED}, {@code UNPUBLISHED} or {@code FAILED}
 * @param type text, reaction, reply, readReceipt, attachment, remoteAttachment, groupUpdated or unknown
 * @param contentType the XMTP content type, such as {@code xmtp.org/text:1.0}
 * @param text the text of a text message or a reply
 * @param reference the message a reply or reaction refers to
 * @param emoji the reaction
 * @param action {@code ADDED} or {@code REMOVED}, for reactions
 * @param update what a group change did
 * @param fallback text to show for content this API does not spell out
 */
@Schema(name = "Message")
@JsonbPropertyOrder({"id", "conversationId", "sender", "sentAt", "sentAtNs", "status", "type", "contentType", "text",
        "reference", "emoji", "action", "update", "fallback"})
public record MessageJson(String id, String conversationId, String sender, String sentAt, long sentAtNs,
        @Schema(enumeration = {"PUBLISHED", "UNPUBLISHED", "FAILED"}) String status,
        @Schema(enumeration = {"text", "reaction", "reply", "readReceipt", "attachment", "remoteAttachment",
                "groupUpdated", "unknown"}) String type,
        String contentType, String text, String reference, String emoji,
        @Schema(enumeration = {"ADDED", "REMOVED"}) String action, GroupUpdateJson update, String fallback) {
}
