package io.socon.messaging.impl.store;

/**
 * One page of a topic, read from an exclusive cursor: ascending pages hold ids greater than
 * {@code cursor}, descending pages ids smaller than it ({@code 0} means from the start or the end).
 *
 * @param ascending the direction
 * @param cursor the exclusive cursor, {@code 0} for none
 * @param limit how many rows at most, at least 1
 */
public record PageRequest(boolean ascending, long cursor, int limit) {

    public PageRequest {
        if (cursor < 0) {
            throw new IllegalArgumentException("cursor must not be negative: " + cursor);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }

    public static PageRequest ascendingAfter(long cursor, int limit) {
        return new PageRequest(true, cursor, limit);
    }
}
