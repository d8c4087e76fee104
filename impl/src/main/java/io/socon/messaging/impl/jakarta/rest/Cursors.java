package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.conversation.ConversationQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The paging values of the REST API: opaque cursors for conversation lists (the next query's time window) and
 * nanosecond instants for message lists.
 */
final class Cursors {

    private static final String VERSION = "c1";

    private Cursors() {
    }

    /** The cursor for the page that {@code next} lists. */
    static String encode(ConversationQuery next) {
        String text = VERSION + ":" + next.activeBefore().map(Cursors::nanos).map(String::valueOf).orElse("")
                + ":" + next.activeAfter().map(Cursors::nanos).map(String::valueOf).orElse("");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Applies a cursor to the first page's query.
     *
     * @throws RestProblemException 400 if the cursor was not made by {@link #encode}
     */
    static ConversationQuery apply(String cursor, ConversationQuery first) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw invalidCursor();
        }
        ConversationQuery query = first;
        Optional<Instant> before = instant(parts[1]);
        Optional<Instant> after = instant(parts[2]);
        if (before.isPresent()) {
            query = query.before(before.get());
        }
        if (after.isPresent()) {
            query = query.after(after.get());
        }
        return query;
    }

    /** Nanoseconds since the epoch. */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The instant of nanoseconds since the epoch. */
    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * Parses the {@code before} parameter of message lists.
     *
     * @throws RestProblemException 400 unless it is a non-negative decimal number of nanoseconds
     */
    static Instant parseNanos(String text, String parameter) {
        try {
            long nanos = Long.parseLong(text.strip());
            if (nanos < 0) {
                throw new NumberFormatException();
            }
            return instant(nanos);
        } catch (NumberFormatException e) {
            throw RestProblemException.badRequest(parameter + " must be a number of nanoseconds since the epoch "
                    + "(a message's sentAtNs or a page's next), got '" + abbreviate(text) + "'");
        }
    }

    private static Optional<Instant> instant(String part) {
        if (part.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(instant(Long.parseLong(part)));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private static RestProblemException invalidCursor() {
        return RestProblemException.badRequest("the cursor is not one this server gave out; "
                + "pass the 'next' value of the previous page unchanged");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
