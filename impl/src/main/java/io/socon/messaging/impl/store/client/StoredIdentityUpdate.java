package io.socon.messaging.impl.store.client;

import java.util.Arrays;

/**
 * One identity update of some inbox as the node returned it.
 *
 * @param sequenceId the node's sequence id
 * @param update     the serialized {@code IdentityUpdate} protobuf (public data)
 */
public record StoredIdentityUpdate(long sequenceId, byte[] update) {

    public StoredIdentityUpdate {
        update = update.clone();
    }

    @Override
    public byte[] update() {
        return update.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredIdentityUpdate s && sequenceId == s.sequenceId && Arrays.equals(update, s.update);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequenceId);
    }
}
