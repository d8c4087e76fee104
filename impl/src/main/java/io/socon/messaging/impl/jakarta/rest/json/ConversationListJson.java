package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of conversations, most recently active first.
 *
 * @param conversations the page
 * @param next the cursor for the following page ({@code after=}), or null at the end
 */
@Schema(name = "ConversationList")
@JsonbPropertyOrder({"conversations", "next"})
public record ConversationListJson(List<ConversationJson> conversations, @JsonbNillable String next) {
}
