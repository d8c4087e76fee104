package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Optional;
import java.util.Set;

/**
 * The installations of an inbox at a point of its identity history, from verified identity updates. The
 * caller provides it (from its store of verified updates); the group rules stay free of network and storage.
 */
@FunctionalInterface
public interface InstallationLookup {

    /**
     * The installation keys of {@code inboxId} after applying its identity updates up to and including
     * {@code sequenceId}.
     *
     * @return empty if that is not known: in particular when no verified update of the inbox has exactly this
     *         sequence id (libxmtp requires the last update applied to carry it, so sequence id 0, which
     *         libxmtp puts in a new group's membership for the creator, has no installations to look up)
     */
    Optional<Set<Bytes>> installationsAt(String inboxId, long sequenceId);
}
