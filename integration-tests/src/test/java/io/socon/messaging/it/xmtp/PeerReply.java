package io.socon.messaging.it.xmtp;

import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The content of a reply ({@code xmtp.org/reply}), as libxmtp decoded and enriched it.
 *
 * @param reference the id of the message replied to
 * @param contentType the inner content's type, e.g. {@code xmtp.org/text:1.0}
 * @param text the inner content when it is a string (text, markdown); {@code null} otherwise
 * @param content the inner content when it is not a string; {@link JsonValue#NULL} otherwise
 * @param inReplyTo the message replied to, when the peer has it locally
 */
public record PeerReply(String reference, String contentType, String text, JsonValue content,
        Optional<PeerMessage> inReplyTo) {
}
