package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A conversation as the caller sees it.
 *
 * @param id the conversation (MLS group) id, hex
 * @param kind {@code DM} or {@code GROUP}
 * @param peer the other inbox of a DM; null for groups
 * @param name the group's name; empty for DMs
 * @param description the group's description; empty for DMs
 * @param imageUrl the group's image URL; empty if none
 * @param members the members
 * @param createdAt ISO-8601 instant the caller joined
 * @param lastMessage the newest message (read receipts left out; group changes count) as a {@link MessageJson},
 *     or null. Typed
 *     {@code Object} because JSON-B (Yasson 3.0) writes an explicit null only for nillable members of such types.
 * @param unreadCount messages from others since the caller last marked the conversation read (not reactions,
 *     read receipts or group changes)
 */
@Schema(name = "Conversation")
@JsonbPropertyOrder({"id", "kind", "peer", "name", "description", "imageUrl", "members", "createdAt", "lastMessage",
        "unreadCount"})
public record ConversationJson(String id, @Schema(enumeration = {"DM", "GROUP"}) String kind, String peer, String name,
        String description, String imageUrl, List<MemberJson> members, String createdAt,
        @JsonbNillable @Schema(implementation = MessageJson.class, nullable = true) Object lastMessage,
        long unreadCount) {
}
