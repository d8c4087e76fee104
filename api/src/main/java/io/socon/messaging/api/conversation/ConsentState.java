package io.socon.messaging.api.conversation;

/**
 * Whether this inbox wants a conversation, as XMTP's consent preferences record it (synced across the inbox's
 * installations). New conversations started by others are {@link #UNKNOWN} until the user decides; apps
 * usually show those as requests.
 */
public enum ConsentState {
    /** The user has not decided. */
    UNKNOWN,
    /** The user accepts this conversation. */
    ALLOWED,
    /** The user refuses this conversation; sending to it fails with {@code CONSENT_DENIED}. */
    DENIED
}
