package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A member of a conversation.
 *
 * @param inboxId the member's inbox id
 * @param role {@code MEMBER}, {@code ADMIN} or {@code SUPER_ADMIN}
 * @param addresses the Ethereum addresses (lowercase 0x form) associated with the inbox, the first the one that
 *     created it: how to show the member to people, who know addresses rather than inbox ids
 */
@Schema(name = "Member")
@JsonbPropertyOrder({"inboxId", "role", "addresses"})
public record MemberJson(String inboxId, @Schema(enumeration = {"MEMBER", "ADMIN", "SUPER_ADMIN"}) String role,
        List<String> addresses) {

    public MemberJson {
        addresses = List.copyOf(addresses);
    }
}
