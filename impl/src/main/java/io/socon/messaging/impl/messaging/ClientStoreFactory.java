package io.socon.messaging.impl.messaging;

import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where each host user's client store lives. {@link MessagingService} opens one store per user while the user's
 * inbox is active and closes it when the inbox goes idle. The default, {@link #h2(Path)}, keeps an embedded H2
 * database per user in a directory named by the user's hash (never by the raw host user id).
 */
@FunctionalInterface
public interface ClientStoreFactory {

    /**
     * Opens (creating it the first time) the client store of one user.
     *
     * @param userHash {@code HostUserKeys.hash} of the host user: 64 lowercase hex digits
     * @param key      the key-vault key that protects the store's data key
     */
    ClientStore open(String userHash, DataKey key);

    /** An H2 database per user in {@code usersDirectory/<first 2 hex digits>/<hash>}. */
    static ClientStoreFactory h2(Path usersDirectory) {
        Objects.requireNonNull(usersDirectory, "usersDirectory");
        return (hash, key) -> {
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a user hash is 64 lowercase hex digits");
            }
            return JdbcClientStore.openH2(usersDirectory.resolve(hash.substring(0, 2)).resolve(hash), key);
        };
    }
}
