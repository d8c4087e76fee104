package io.socon.messaging.impl.store.client;

import java.util.Arrays;

/**
 * A commit of ours on its way to the node.
 *
 * @param groupId     the group
 * @param payloadHash sha256 of the MLSMessage bytes sent, by which the commit is recognized when it comes back
 * @param mlsState    the group state after the commit (secret: stored encrypted)
 * @param mlsKeys     the group keys after the commit (secret: stored encrypted)
 * @param welcomePlan what to send to the members the commit adds once it is confirmed: the engine's encoding of
 *                    the Welcome and the recipients' key packages (secret: stored encrypted); empty if none
 * @param createdAtNs when it was made
 */
public record StoredPendingCommit(byte[] groupId, byte[] payloadHash, byte[] mlsState, byte[] mlsKeys,
                                  byte[] welcomePlan, long createdAtNs) {

    public StoredPendingCommit {
        groupId = groupId.clone();
        payloadHash = payloadHash.clone();
        mlsState = mlsState.clone();
        mlsKeys = mlsKeys.clone();
        welcomePlan = welcomePlan.clone();
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public byte[] payloadHash() {
        return payloadHash.clone();
    }

    @Override
    public byte[] mlsState() {
        return mlsState.clone();
    }

    @Override
    public byte[] mlsKeys() {
        return mlsKeys.clone();
    }

    @Override
    public byte[] welcomePlan() {
        return welcomePlan.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredPendingCommit s && Arrays.equals(groupId, s.groupId)
                && Arrays.equals(payloadHash, s.payloadHash) && Arrays.equals(mlsState, s.mlsState)
                && Arrays.equals(mlsKeys, s.mlsKeys) && Arrays.equals(welcomePlan, s.welcomePlan)
                && createdAtNs == s.createdAtNs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payloadHash);
    }

    @Override
    public String toString() {
        return "StoredPendingCommit[" + java.util.HexFormat.of().formatHex(payloadHash) + "]";
    }
}
