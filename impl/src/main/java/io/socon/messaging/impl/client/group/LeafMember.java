package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Objects;

/**
 * A leaf of the group's ratchet tree as XMTP reads it: the inbox id named by the leaf's credential (an
 * {@code MlsCredential} in a basic credential) and the leaf's signature key, which is the installation key.
 *
 * @param inboxId         the inbox id from the credential
 * @param installationKey the 32-byte Ed25519 signature key
 */
public record LeafMember(String inboxId, Bytes installationKey) {

    /** Checks for nulls. */
    public LeafMember {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(installationKey, "installationKey");
    }
}
