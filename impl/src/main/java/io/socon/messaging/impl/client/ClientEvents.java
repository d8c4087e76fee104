package io.socon.messaging.impl.client;

import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredMessage;

/**
 * What the engine tells its streams, after the change is committed to the client store. Each conversation and
 * each message is announced once: when it is first stored, whichever way it arrived (sync, stream, own send).
 * Listeners must return quickly and must not throw.
 */
public interface ClientEvents {

    /** A conversation we created or were welcomed into. */
    default void conversationAdded(StoredGroup group) {
    }

    /** A message stored for the first time (received, or sent by us). */
    default void messageStored(StoredMessage message) {
    }
}
