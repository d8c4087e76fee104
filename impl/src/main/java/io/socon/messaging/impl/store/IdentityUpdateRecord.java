package io.socon.messaging.impl.store;

/**
 * An accepted identity update.
 *
 * @param sequenceId the node-assigned id, stable forever (group membership records it)
 * @param inboxId the inbox it belongs to
 * @param serverTimestampNs when the node accepted it
 * @param identityUpdate the serialized {@code xmtp.identity.associations.IdentityUpdate}, as sent
 */
public record IdentityUpdateRecord(long sequenceId, String inboxId, long serverTimestampNs, byte[] identityUpdate) {
}
