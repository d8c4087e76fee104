package io.socon.messaging.impl.client;

import java.util.List;
import java.util.Objects;

/**
 * An inbox's verified identity: who owns it and which installations may speak for it.
 *
 * @param inboxId         the inbox
 * @param recovery        the recovery identifier (an address, lowercase 0x form)
 * @param addresses       the Ethereum addresses linked to the inbox
 * @param installationIds the installations (hex Ed25519 public keys), oldest first
 * @param sequenceId      the node's sequence id of the last identity update applied
 */
public record InboxState(String inboxId, String recovery, List<String> addresses, List<String> installationIds,
                         long sequenceId) {

    public InboxState {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(recovery, "recovery");
        addresses = List.copyOf(addresses);
        installationIds = List.copyOf(installationIds);
    }
}
