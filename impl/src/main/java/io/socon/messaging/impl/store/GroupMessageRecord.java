package io.socon.messaging.impl.store;

/**
 * A group message as the node stored it.
 *
 * @param id the node-assigned id, from 1, growing in commit order within the group
 * @param createdNs when the node stored it, in nanoseconds since the epoch
 * @param groupId the MLS group id taken from the message
 * @param data the MLS message, byte for byte as sent
 * @param senderHmac as sent by the client
 * @param shouldPush as sent by the client
 * @param isCommit whether the message is a commit or a proposal
 */
public record GroupMessageRecord(long id, long createdNs, byte[] groupId, byte[] data, byte[] senderHmac,
        boolean shouldPush, boolean isCommit) {
}
