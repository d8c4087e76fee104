package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.util.List;
import java.util.Optional;

/**
 * One page of conversations.
 *
 * @param conversations the conversations, in the query's order
 * @param next the query for the following page, empty when there are no more
 */
public record ConversationPage(List<Conversation> conversations, Optional<ConversationQuery> next) {

    /** @throws InvalidValueException if a component is null */
    public ConversationPage {
        if (conversations == null || next == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "conversations and next must not be null");
        }
        conversations = List.copyOf(conversations);
    }
}
