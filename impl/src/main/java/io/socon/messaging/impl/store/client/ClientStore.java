package io.socon.messaging.impl.store.client;

import java.util.function.Function;

/**
 * What one client installation keeps on its own side: its identity, its key packages, its conversations with
 * their MLS state, the messages it has read, and its sync cursors.
 *
 * <p>Every change goes through {@link #transaction}: the work either commits as a whole or leaves nothing
 * behind, and it is durable when the method returns. That is what makes a client safe to kill at any point:
 * the engine stores a group's new epoch, the messages it decrypted and the advanced cursor in one transaction,
 * so on restart it neither skips nor repeats a message.
 *
 * <p>Fields documented as secret (private keys, MLS state, message content) are encrypted at rest with a key
 * held by the {@link io.socon.messaging.spi.keyvault.KeyVault}; the other fields (ids, cursors, timestamps)
 * are stored in clear so they can be indexed. Implementations are thread-safe; transactions are serialized.
 */
public interface ClientStore extends AutoCloseable {

    /**
     * Runs {@code work} in one transaction and commits it; rolls back if {@code work} throws (the exception
     * is rethrown unchanged).
     *
     * @throws io.socon.messaging.impl.store.StoreException if the database fails
     */
    <T> T transaction(Function<ClientTransaction, T> work);

    /** A read-only view without a transaction, for listings. */
    default <T> T read(Function<ClientTransaction, T> work) {
        return transaction(work);
    }

    @Override
    void close();
}
