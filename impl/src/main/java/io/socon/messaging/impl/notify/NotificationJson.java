package io.socon.messaging.impl.notify;

import io.socon.messaging.spi.notify.Notification;
import java.time.format.DateTimeFormatter;

/**
 * A {@link Notification} as the webhook contract writes it ({@code spi.notify.WebhookSignature}): one JSON object
 * with the record's component names, ids as strings, the host user as its id, the instant in RFC 3339 (UTC,
 * nanoseconds kept), {@code preview} left out when empty. Written by hand so the sink needs only the JDK.
 */
public final class NotificationJson {

    private NotificationJson() {
    }

    /** The JSON object of a notification. */
    public static String of(Notification n) {
        StringBuilder json = new StringBuilder(384).append('{');
        field(json, "id", n.id().toString()).append(',');
        field(json, "recipient", n.recipient().id()).append(',');
        field(json, "recipientInbox", n.recipientInbox().value()).append(',');
        field(json, "conversationId", n.conversationId().value()).append(',');
        field(json, "conversationKind", n.conversationKind().name()).append(',');
        field(json, "messageId", n.messageId().value()).append(',');
        field(json, "sender", n.sender().value()).append(',');
        field(json, "contentType", n.contentType().toString()).append(',');
        field(json, "sentAt", DateTimeFormatter.ISO_INSTANT.format(n.sentAt()));
        n.preview().ifPresent(p -> field(json.append(','), "preview", p));
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters (RFC 8259). */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
