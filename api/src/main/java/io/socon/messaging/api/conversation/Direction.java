package io.socon.messaging.api.conversation;

/** Order of a listing by time. */
public enum Direction {
    /** Oldest first. */
    ASCENDING,
    /** Newest first. */
    DESCENDING
}
