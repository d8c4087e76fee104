package io.socon.messaging.impl.store;

import java.util.List;
import java.util.Set;

/**
 * Decides, while the store holds the inbox locked, whether the next identity update may be appended to
 * an inbox's accepted log, and which identifiers it associates with or removes from the inbox.
 */
@FunctionalInterface
public interface IdentityUpdateDecision {

    /** What to append. Identifiers are lowercase 0x Ethereum addresses. */
    record Append(byte[] identityUpdate, Set<String> addedIdentifiers, Set<String> removedIdentifiers) {
    }

    /**
     * @param acceptedLog the inbox's accepted updates, oldest first (empty for a new inbox)
     * @return what to append
     * @throws RuntimeException to refuse; the store then writes nothing and rethrows it
     */
    Append decide(List<IdentityUpdateRecord> acceptedLog);
}
