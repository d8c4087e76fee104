package io.socon.messaging.impl.client;

import io.socon.messaging.impl.identity.AssociationState;
import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An inbox's verified association state after the update with sequence id {@link #sequenceId()}.
 *
 * @param inboxId    the inbox
 * @param sequenceId the node's sequence id of the last update applied (what GroupMembership records)
 * @param state      the members and recovery address at that point
 */
public record InboxSnapshot(String inboxId, long sequenceId, AssociationState state) {

    public InboxSnapshot {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(state, "state");
    }

    /** The 32-byte public keys of the inbox's installations at this point. */
    public Set<Bytes> installations() {
        Set<Bytes> keys = new LinkedHashSet<>();
        state.installationKeys().forEach(k -> keys.add(Bytes.copyOf(k.toByteArray())));
        return keys;
    }

    /** Whether {@code installationKey} is one of the inbox's installations at this point. */
    public boolean hasInstallation(Bytes installationKey) {
        return installations().contains(installationKey);
    }
}
