package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.content.ContentType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages of a conversation to list: a time window, a page size, an order and optionally some content
 * types. Bounds are exclusive. The page returned says which query gives the next page.
 *
 * <pre>{@code
 * MessagePage page = dm.messages(MessageQuery.latest(50)).toCompletableFuture().join();
 * while (page.next().isPresent()) { page = dm.messages(page.next().get()).toCompletableFuture().join(); }
 * }</pre>
 *
 * @param sentAfter only messages sent strictly after this instant
 * @param sentBefore only messages sent strictly before this instant
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param direction oldest or newest first
 * @param contentTypes only these content types; empty for all
 */
public record MessageQuery(Optional<Instant> sentAfter, Optional<Instant> sentBefore, int limit, Direction direction,
        Set<ContentType> contentTypes) {

    /** Largest page. */
    public static final int MAX_LIMIT = 500;

    /** @throws InvalidValueException if a component is null, the limit is out of range or the window is empty */
    public MessageQuery {
        if (sentAfter == null || sentBefore == null || direction == null || contentTypes == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "sentAfter, sentBefore, direction and contentTypes must not be null (use Optional.empty(), Set.of())");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (sentAfter.isPresent() && sentBefore.isPresent() && !sentAfter.get().isBefore(sentBefore.get())) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "sentAfter (" + sentAfter.get() + ") must be before sentBefore (" + sentBefore.get() + ")");
        }
        contentTypes = Set.copyOf(contentTypes);
    }

    /** The newest {@code limit} messages, newest first. */
    public static MessageQuery latest(int limit) {
        return new MessageQuery(Optional.empty(), Optional.empty(), limit, Direction.DESCENDING, Set.of());
    }

    /** The oldest {@code limit} messages, oldest first. */
    public static MessageQuery oldest(int limit) {
        return new MessageQuery(Optional.empty(), Optional.empty(), limit, Direction.ASCENDING, Set.of());
    }

    /** A copy that lists only messages sent after {@code instant}. */
    public MessageQuery after(Instant instant) {
        return new MessageQuery(Optional.of(instant), sentBefore, limit, direction, contentTypes);
    }

    /** A copy that lists only messages sent before {@code instant}. */
    public MessageQuery before(Instant instant) {
        return new MessageQuery(sentAfter, Optional.of(instant), limit, direction, contentTypes);
    }

    /** A copy that lists only these content types. */
    public MessageQuery onlyTypes(Set<ContentType> types) {
        return new MessageQuery(sentAfter, sentBefore, limit, direction, types);
    }
}
