package io.socon.messaging.impl.client.net;

import java.time.Duration;

/**
 * Hears how a node stream's connection fares; all methods do nothing by default. They are called on gRPC's or the
 * connection's threads, not the consumer's, so they must return quickly and must not block.
 */
public interface StreamListener {

    /** A listener that ignores everything. */
    StreamListener NONE = new StreamListener() {
    };

    /** The node answered a subscription, the first one or one after a reconnect. */
    default void onConnected() {
    }

    /**
     * The subscription dropped or could not be opened; the stream subscribes again, from the last message it
     * delivered, after {@code delay}.
     *
     * @param cause why it dropped
     * @param attempt the number of the coming attempt (1 after a subscription that had worked)
     * @param delay the back-off before it
     */
    default void onReconnecting(NodeException cause, int attempt, Duration delay) {
    }

    /** The node refused the subscription for good (for example {@code INVALID_ARGUMENT}); the stream has stopped. */
    default void onFailed(NodeException cause) {
    }
}
