package io.socon.messaging.impl.store.client;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation (an MLS group) as this installation keeps it.
 *
 * @param groupId            the MLS group id (16 bytes for XMTP groups)
 * @param kind               DM or group
 * @param dmPeerInboxId      for a DM, the other member's inbox id; else null
 * @param status             whether we are still a member
 * @param mlsState           {@code Group.toBytes()} (secret: stored encrypted)
 * @param mlsKeys            {@code GroupKeys.toBytes()} (secret: stored encrypted)
 * @param messageCursor      the node id of the last group message processed (0 before any)
 * @param needsKeyUpdate     whether a path-only update commit must precede our first message (after joining)
 * @param addedByInboxId     who added us (the creator for our own groups)
 * @param createdAtNs        when we created or joined it
 * @param lastActivityNs     the time of the newest message or change, for ordering listings
 */
public record StoredGroup(byte[] groupId, Kind kind, String dmPeerInboxId, Status status, byte[] mlsState,
                          byte[] mlsKeys, long messageCursor, boolean needsKeyUpdate, String addedByInboxId,
                          long createdAtNs, long lastActivityNs) {

    /** The conversation's kind. */
    public enum Kind { DM, GROUP }

    /** Whether this installation is still in the group. */
    public enum Status { ACTIVE, REMOVED }

    public StoredGroup {
        groupId = groupId.clone();
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        mlsState = mlsState.clone();
        mlsKeys = mlsKeys.clone();
        Objects.requireNonNull(addedByInboxId, "addedByInboxId");
        if (kind == Kind.DM && dmPeerInboxId == null) {
            throw new IllegalArgumentException("a DM needs its peer's inbox id");
        }
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public byte[] mlsState() {
        return mlsState.clone();
    }

    @Override
    public byte[] mlsKeys() {
        return mlsKeys.clone();
    }

    /** The DM peer, for a DM. */
    public Optional<String> dmPeer() {
        return Optional.ofNullable(dmPeerInboxId);
    }

    /** The same row with a new MLS state, cursor and activity time. */
    public StoredGroup withState(byte[] state, byte[] keys, long cursor, boolean keyUpdate, long activityNs) {
        return new StoredGroup(groupId, kind, dmPeerInboxId, status, state, keys, cursor, keyUpdate, addedByInboxId,
                createdAtNs, Math.max(lastActivityNs, activityNs));
    }

    /** The same row with another status. */
    public StoredGroup withStatus(Status newStatus) {
        return new StoredGroup(groupId, kind, dmPeerInboxId, newStatus, mlsState, mlsKeys, messageCursor,
                needsKeyUpdate, addedByInboxId, createdAtNs, lastActivityNs);
    }

    /** The same row with another cursor (for messages skipped without a state change). */
    public StoredGroup withCursor(long cursor) {
        return new StoredGroup(groupId, kind, dmPeerInboxId, status, mlsState, mlsKeys, cursor, needsKeyUpdate,
                addedByInboxId, createdAtNs, lastActivityNs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredGroup s && Arrays.equals(groupId, s.groupId) && kind == s.kind
                && Objects.equals(dmPeerInboxId, s.dmPeerInboxId) && status == s.status
                && Arrays.equals(mlsState, s.mlsState) && Arrays.equals(mlsKeys, s.mlsKeys)
                && messageCursor == s.messageCursor && needsKeyUpdate == s.needsKeyUpdate
                && addedByInboxId.equals(s.addedByInboxId) && createdAtNs == s.createdAtNs
                && lastActivityNs == s.lastActivityNs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(groupId);
    }

    @Override
    public String toString() {
        return "StoredGroup[" + java.util.HexFormat.of().formatHex(groupId) + ", " + kind + ", " + status
                + ", cursor=" + messageCursor + "]";
    }
}
