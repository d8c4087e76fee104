package io.socon.messaging.impl.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.impl.identity.AssociationState;
import io.socon.messaging.impl.identity.IdentityUpdateRejectedException;
import io.socon.messaging.impl.identity.IdentityUpdateVerifier;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.StoredIdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Other inboxes' identities, as this client verified them: fetches identity updates from the node, checks every
 * signature and rule with the same verifier the node runs, and caches the updates in the client store so that
 * each is fetched once. A log that does not verify is refused, never used.
 */
final class InboxDirectory {

    private final NodeApi api;
    private final ClientStore store;
    private final IdentityUpdateVerifier verifier;

    InboxDirectory(NodeApi api, ClientStore store, IdentityUpdateVerifier verifier) {
        this.api = Objects.requireNonNull(api, "api");
        this.store = Objects.requireNonNull(store, "store");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** The latest verified state of each inbox, with one node call for all of them. */
    Map<String, InboxSnapshot> latest(Collection<String> inboxIds) {
        Map<String, List<StoredIdentityUpdate>> cached = new LinkedHashMap<>();
        Map<String, Long> after = new LinkedHashMap<>();
        store.read(tx -> {
            for (String inbox : inboxIds) {
                List<StoredIdentityUpdate> log = tx.identityUpdates(inbox);
                cached.put(inbox, log);
                after.put(inbox, log.isEmpty() ? 0L : log.get(log.size() - 1).sequenceId());
            }
            return null;
        });
        Map<String, List<NodeApi.SequencedUpdate>> fresh = after.isEmpty() ? Map.of() : api.identityUpdates(after);
        Map<String, InboxSnapshot> result = new LinkedHashMap<>();
        for (String inbox : cached.keySet()) {
            List<StoredIdentityUpdate> log = new ArrayList<>(cached.get(inbox));
            List<StoredIdentityUpdate> added = new ArrayList<>();
            for (NodeApi.SequencedUpdate u : fresh.getOrDefault(inbox, List.of())) {
                if (log.isEmpty() || u.sequenceId() > log.get(log.size() - 1).sequenceId()) {
                    StoredIdentityUpdate s = new StoredIdentityUpdate(u.sequenceId(), u.update().toByteArray());
                    log.add(s);
                    added.add(s);
                }
            }
            if (log.isEmpty()) {
                throw new MessagingException(ErrorCode.PEER_NOT_REACHABLE,
                        "inbox " + inbox + " has no identity on the node: it was never registered");
            }
            InboxSnapshot snapshot = verify(inbox, log, Long.MAX_VALUE);
            if (!added.isEmpty()) {
                store.transaction(tx -> {
                    tx.putIdentityUpdates(inbox, added);
                    return null;
                });
            }
            result.put(inbox, snapshot);
        }
        return result;
    }

    /** The latest verified state of one inbox. */
    InboxSnapshot latest(String inboxId) {
        return latest(List.of(inboxId)).get(inboxId);
    }

    /**
     * The inbox's state after the update with sequence id {@code sequenceId} (as a GroupMembership records it);
     * fetches newer updates when the cache does not reach that far.
     *
     * @throws MessagingException if the node does not have that update (the membership names a state that does
     *                            not exist) or the log does not verify
     */
    InboxSnapshot at(String inboxId, long sequenceId) {
        List<StoredIdentityUpdate> log = store.read(tx -> tx.identityUpdates(inboxId));
        if (log.isEmpty() || log.get(log.size() - 1).sequenceId() < sequenceId) {
            latest(inboxId);
            log = store.read(tx -> tx.identityUpdates(inboxId));
        }
        if (log.stream().noneMatch(u -> u.sequenceId() == sequenceId)) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT, "inbox " + inboxId
                    + " has no identity update with sequence id " + sequenceId);
        }
        return verify(inboxId, log, sequenceId);
    }

    private InboxSnapshot verify(String inboxId, List<StoredIdentityUpdate> log, long upTo) {
        List<IdentityUpdate> updates = new ArrayList<>();
        long last = 0;
        for (StoredIdentityUpdate u : log) {
            if (u.sequenceId() > upTo) {
                break;
            }
            try {
                updates.add(IdentityUpdate.parseFrom(u.update()));
            } catch (InvalidProtocolBufferException e) {
                throw new MessagingException(ErrorCode.INVALID_ARGUMENT, "identity update " + u.sequenceId()
                        + " of inbox " + inboxId + " is not a valid IdentityUpdate: " + e.getMessage(), e);
            }
            last = u.sequenceId();
        }
        try {
            AssociationState state = verifier.replay(updates);
            if (!state.inboxId().equals(inboxId)) {
                throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                        "the node returned the identity of inbox " + state.inboxId() + " for inbox " + inboxId);
            }
            return new InboxSnapshot(inboxId, last, state);
        } catch (IdentityUpdateRejectedException e) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                    "the identity log of inbox " + inboxId + " does not verify: " + e.getMessage(), e);
        }
    }
}
