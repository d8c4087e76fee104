package io.socon.messaging.impl.client.net;

/** Where a node stream stands. */
public enum StreamState {
    /** A subscription is open but the node has not answered it yet. */
    CONNECTING,
    /** The node answered the subscription: history after the cursors, then live messages, are coming. */
    CONNECTED,
    /** The subscription dropped; the stream subscribes again after a back-off. */
    RECONNECTING,
    /** The node refused the subscription for a reason retrying cannot fix; nothing more will come. */
    FAILED,
    /** Closed by its owner. */
    CLOSED
}
