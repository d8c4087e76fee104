package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of messages, oldest first.
 *
 * @param messages the page
 * @param next the {@code before=} value of the older page (a decimal string of nanoseconds), or null at the start
 */
@Schema(name = "MessageList")
@JsonbPropertyOrder({"messages", "next"})
public record MessageListJson(List<MessageJson> messages, @JsonbNillable String next) {
}
