package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A member of a conversation.
 *
 * @param inboxId the member's inbox id
 * @param role {@code MEMBER}, {@code ADMIN} or {@code SUPER_ADMIN}
 */
@Schema(name = "Member")
@JsonbPropertyOrder({"inboxId", "role"})
public record MemberJson(String inboxId, @Schema(enumeration = {"MEMBER", "ADMIN", "SUPER_ADMIN"}) String role) {
}
