package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.util.List;
import java.util.Optional;

/**
 * One page of messages.
 *
 * @param messages the messages, in the query's direction
 * @param next the query for the following page, empty when there are no more messages
 */
public record MessagePage(List<Message> messages, Optional<MessageQuery> next) {

    /** @throws InvalidValueException if a component is null */
    public MessagePage {
        if (messages == null || next == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "messages and next must not be null");
        }
        messages = List.copyOf(messages);
    }
}
