package io.socon.messaging.impl.client.group;

/**
 * Disappearing-message settings as two mutable metadata attributes (libxmtp
 * {@code MessageDisappearingSettings}).
 *
 * @param fromNs messages sent from this time (ns since the epoch) on disappear
 * @param inNs   how long such a message lives, in ns
 */
public record DisappearingSettings(long fromNs, long inNs) {

    /** Whether the settings make messages disappear: libxmtp requires both values to be positive. */
    public boolean isEnabled() {
        return fromNs > 0 && inNs > 0;
    }
}
