package io.socon.messaging.impl.client.welcome;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Objects;

/**
 * What an unwrapped welcome holds.
 *
 * @param welcomeMessage the TLS {@code MLSMessage} that was wrapped; libxmtp sends an MLSMessage(Welcome), but
 *                       this class does not decode it
 * @param messageCursor  the {@code message_cursor} of the {@code WelcomeMetadata} (the node id of the commit that
 *                       added us), or 0 when the welcome carries no metadata or metadata that does not decode
 */
public record UnwrappedWelcome(Bytes welcomeMessage, long messageCursor) {

    /** Checks for nulls. */
    public UnwrappedWelcome {
        Objects.requireNonNull(welcomeMessage, "welcomeMessage");
    }
}
