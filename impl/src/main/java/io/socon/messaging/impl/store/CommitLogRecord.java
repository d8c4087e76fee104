package io.socon.messaging.impl.store;

/**
 * A commit-log entry as stored: opaque to the node.
 *
 * @param id the node-assigned sequence id
 * @param groupId the group the entry belongs to
 * @param serializedEntry the client's serialized entry
 * @param signature the serialized {@code RecoverableEd25519Signature}
 */
public record CommitLogRecord(long id, byte[] groupId, byte[] serializedEntry, byte[] signature) {
}
