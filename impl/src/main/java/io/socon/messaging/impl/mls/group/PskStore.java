package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The external pre-shared keys a member knows (RFC 9420 section 8.4), by PSK id. Resumption PSKs come from the
 * group's retained epochs and need no store.
 */
@FunctionalInterface
public interface PskStore {

    /** A store that knows no external PSK. */
    PskStore NONE = id -> Optional.empty();

    /** A copy of the PSK with this id, if known. */
    Optional<byte[]> external(Bytes pskId);

    /** A store over a fixed map (copied). */
    static PskStore of(Map<Bytes, byte[]> psks) {
        Map<Bytes, byte[]> copy = new HashMap<>();
        psks.forEach((id, psk) -> copy.put(id, psk.clone()));
        return id -> Optional.ofNullable(copy.get(id)).map(byte[]::clone);
    }
}
