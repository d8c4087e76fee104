package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One WebSocket text frame from the server.
 *
 * @param event {@code message}, {@code conversation}, {@code error} or {@code pong}
 * @param message the new message, for {@code message}
 * @param conversation the new conversation, for {@code conversation}
 * @param code the error code, for {@code error}
 * @param detail what happened, for {@code error}
 */
@Schema(name = "StreamEvent")
@JsonbPropertyOrder({"event", "message", "conversation", "code", "detail"})
public record StreamEventJson(String event, MessageJson message, ConversationJson conversation, String code,
        String detail) {

    /** A new message. */
    public static StreamEventJson message(MessageJson message) {
        return new StreamEventJson("message", message, null, null, null);
    }

    /** A new conversation. */
    public static StreamEventJson conversation(ConversationJson conversation) {
        return new StreamEventJson("conversation", null, conversation, null, null);
    }

    /** A failure; the server closes the connection after it. */
    public static StreamEventJson error(String code, String detail) {
        return new StreamEventJson("error", null, null, code, detail);
    }

    /** The answer to the client's ping. */
    public static StreamEventJson pong() {
        return new StreamEventJson("pong", null, null, null, null);
    }
}
