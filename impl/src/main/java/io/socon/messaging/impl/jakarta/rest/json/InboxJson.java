package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who the caller is on XMTP.
 *
 * @param inboxId 64 hex digits
 * @param address {@code 0x} and 40 lowercase hex digits
 * @param installationId this server's installation, 64 hex digits
 */
@Schema(name = "Inbox", description = "The caller's XMTP identity")
@JsonbPropertyOrder({"inboxId", "address", "installationId"})
public record InboxJson(String inboxId, String address, String installationId) {
}
