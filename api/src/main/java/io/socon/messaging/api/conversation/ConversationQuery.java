package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which conversations to list. Bounds are exclusive; conversations are ordered by their last activity.
 *
 * @param kinds DMs, groups or both; not empty
 * @param consent the consent states to include; not empty
 * @param activeAfter only conversations with activity strictly after this instant
 * @param activeBefore only conversations with activity strictly before this instant
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param direction oldest or newest activity first
 */
public record ConversationQuery(Set<ConversationKind> kinds, Set<ConsentState> consent, Optional<Instant> activeAfter,
        Optional<Instant> activeBefore, int limit, Direction direction) {

    /** Largest page. */
    public static final int MAX_LIMIT = 500;

    /** @throws InvalidValueException if a component is null or empty, or the limit is out of range */
    public ConversationQuery {
        if (kinds == null || consent == null || activeAfter == null || activeBefore == null || direction == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "every component of a conversation query is required");
        }
        if (kinds.isEmpty() || consent.isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "kinds and consent must each name at least one value; an empty set would match nothing");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        kinds = Set.copyOf(kinds);
        consent = Set.copyOf(consent);
    }

    /** The most recently active conversations that are allowed or undecided (not denied), newest first. */
    public static ConversationQuery recent(int limit) {
        return new ConversationQuery(EnumSet.allOf(ConversationKind.class),
                EnumSet.of(ConsentState.ALLOWED, ConsentState.UNKNOWN), Optional.empty(), Optional.empty(), limit,
                Direction.DESCENDING);
    }

    /** A copy restricted to these kinds. */
    public ConversationQuery onlyKinds(Set<ConversationKind> newKinds) {
        return new ConversationQuery(newKinds, consent, activeAfter, activeBefore, limit, direction);
    }

    /** A copy restricted to these consent states. */
    public ConversationQuery onlyConsent(Set<ConsentState> newConsent) {
        return new ConversationQuery(kinds, newConsent, activeAfter, activeBefore, limit, direction);
    }

    /** A copy that lists only conversations active before {@code instant}. */
    public ConversationQuery before(Instant instant) {
        return new ConversationQuery(kinds, consent, activeAfter, Optional.of(instant), limit, direction);
    }

    /** A copy that lists only conversations active after {@code instant}. */
    public ConversationQuery after(Instant instant) {
        return new ConversationQuery(kinds, consent, Optional.of(instant), activeBefore, limit, direction);
    }
}
