package io.socon.messaging.impl.client;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Kdf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The application messages this client sent recently, by the hash of their MLS bytes: a sender cannot decrypt
 * its own PrivateMessage (its ratchet key is gone), so the engine recognizes its own messages when the node
 * returns them by their bytes. Bounded: the oldest entries are forgotten first.
 */
final class OwnPayloads {

    private static final int CAPACITY = 4096;

    private final Map<Bytes, byte[]> byHash = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(byte[] mlsMessage, byte[] messageId) {
        byHash.put(Bytes.copyOf(Kdf.hash(mlsMessage)), messageId.clone());
    }

    synchronized Optional<byte[]> messageIdOf(byte[] mlsMessage) {
        return Optional.ofNullable(byHash.get(Bytes.copyOf(Kdf.hash(mlsMessage)))).map(byte[]::clone);
    }
}
