package io.socon.messaging.impl.store.client;

import java.util.List;
import java.util.Optional;

/**
 * The reads and writes of a {@link ClientStore} inside one transaction. Byte arrays passed in are not kept;
 * byte arrays returned are fresh copies.
 */
public interface ClientTransaction {

    // ---------------------------------------------------------------- identity

    /** This installation's identity, if it was created. */
    Optional<StoredIdentity> identity();

    /** Creates or replaces this installation's identity (there is at most one). */
    void putIdentity(StoredIdentity identity);

    // ---------------------------------------------------------------- key packages

    /** Stores a key package bundle under the HPKE public key welcomes will be wrapped to (its init key). */
    void putKeyPackage(StoredKeyPackage keyPackage);

    /** The key package whose init key (the welcome wrapper's hpke_public_key) is {@code hpkePublicKey}. */
    Optional<StoredKeyPackage> keyPackage(byte[] hpkePublicKey);

    /** All stored key packages, newest first. */
    List<StoredKeyPackage> keyPackages();

    /** Deletes a key package (after rotation, once no pending welcome can need it); whether it existed. */
    boolean deleteKeyPackage(byte[] hpkePublicKey);

    // ---------------------------------------------------------------- conversations

    /** Creates or replaces a conversation's row (matched by group id). */
    void putGroup(StoredGroup group);

    Optional<StoredGroup> group(byte[] groupId);

    /** Every conversation, most recently active first (by {@link StoredGroup#lastActivityNs()}). */
    List<StoredGroup> groups();

    /** The DM with this peer inbox that is still active, if any (the newest if there are several). */
    Optional<StoredGroup> dmWith(String peerInboxId);

    /**
     * Every DM with this peer inbox, active or not, most recently active first (then by group id, highest first).
     * Two inboxes can share several DMs (both opened one at once, or an installation re-created it); libxmtp
     * stitches all DMs with the same {@code dm_id} into one conversation, and since a store holds one inbox, the
     * peer names that set here.
     */
    List<StoredGroup> dmsWith(String peerInboxId);

    // ---------------------------------------------------------------- messages

    /**
     * Stores a message unless one with the same id exists.
     *
     * @return whether it was new
     */
    boolean putMessage(StoredMessage message);

    Optional<StoredMessage> message(byte[] messageId);

    /**
     * The conversation's messages ordered by (sentAtNs, id) ascending, those strictly after
     * {@code afterSentAtNs} (use {@code Long.MIN_VALUE} for all), at most {@code limit}.
     */
    List<StoredMessage> messages(byte[] groupId, long afterSentAtNs, int limit);

    /** The conversation's newest {@code limit} messages, newest first. */
    List<StoredMessage> latestMessages(byte[] groupId, int limit);

    /**
     * A window of the conversation's messages: those with {@code afterSentAtNs < sentAtNs < beforeSentAtNs},
     * ordered by (sentAtNs, id) ascending, or descending when {@code descending}, at most {@code limit}.
     */
    List<StoredMessage> messages(byte[] groupId, long afterSentAtNs, long beforeSentAtNs, boolean descending,
                                 int limit);

    /**
     * The same window over several conversations together (the DMs stitched into one): their messages merged in
     * one (sentAtNs, id) order, at most {@code limit}.
     */
    List<StoredMessage> messages(List<byte[]> groupIds, long afterSentAtNs, long beforeSentAtNs, boolean descending,
                                 int limit);

    /** Marks a locally sent message as published with the node's id and time; whether the message exists. */
    boolean markPublished(byte[] messageId, long nodeId, long sentAtNs);

    /** The conversation's messages still {@code UNPUBLISHED}, oldest first. */
    List<StoredMessage> unpublishedMessages(byte[] groupId);

    // ---------------------------------------------------------------- read state and consent

    /** Up to when (sentAtNs, inclusive) this inbox has read the conversation; 0 when it has read nothing. */
    long lastReadNs(byte[] groupId);

    /**
     * Records that this inbox has read the conversation up to {@code readUpToNs}. The mark only moves forward:
     * an older time leaves it as it is. Not touched by {@link #putGroup}.
     *
     * @return whether the mark moved (false also when there is no such conversation)
     */
    boolean markRead(byte[] groupId, long readUpToNs);

    /**
     * How many messages of the conversation are unread: {@link StoredMessage#shouldPush() pushed} application
     * messages from inboxes other than {@code selfInboxId}, sent after {@link #lastReadNs}.
     */
    long unreadCount(byte[] groupId, String selfInboxId);

    /** The user's consent decision for the conversation; empty while undecided (or no such conversation). */
    Optional<io.socon.messaging.api.conversation.ConsentState> consent(byte[] groupId);

    /**
     * Records the user's consent decision ({@code UNKNOWN} clears it). Not touched by {@link #putGroup}.
     *
     * @return whether there is such a conversation
     */
    boolean setConsent(byte[] groupId, io.socon.messaging.api.conversation.ConsentState consent);

    // ---------------------------------------------------------------- installation checks

    /**
     * When the conversation's installations were last compared with its members' identities (nanoseconds); 0 when
     * never (or no such conversation).
     */
    long installationsCheckedNs(byte[] groupId);

    /**
     * Records when the conversation's installations were last compared with its members' identities. Not touched
     * by {@link #putGroup}.
     *
     * @return whether there is such a conversation
     */
    boolean setInstallationsCheckedNs(byte[] groupId, long checkedNs);

    // ---------------------------------------------------------------- outbox

    /** Records that the MLS message with this sha256 carries our message {@code messageId}. */
    void putOutgoing(byte[] payloadHash, byte[] groupId, byte[] messageId, long createdAtNs);

    /** The message id an MLS message of ours (by its sha256) carries, if it is one. */
    Optional<byte[]> outgoingMessageId(byte[] payloadHash);

    /** Forgets every outbox entry of the message (it is published); how many there were. */
    int deleteOutgoing(byte[] messageId);

    // ---------------------------------------------------------------- pending commits

    /**
     * Records a commit of ours that is being published, with the group state to adopt once the node returns it
     * (replacing an earlier pending commit of the same group). Written before the commit is sent, so that a
     * client killed after sending still recognizes its own commit when it comes back.
     */
    void putPendingCommit(StoredPendingCommit commit);

    /** The group's pending commit, if any. */
    Optional<StoredPendingCommit> pendingCommit(byte[] groupId);

    /** Forgets the group's pending commit (adopted, or lost to another commit); whether there was one. */
    boolean deletePendingCommit(byte[] groupId);

    // ---------------------------------------------------------------- cursors and identity cache

    /** A named cursor (e.g. {@code "welcomes"}); 0 when never set. */
    long cursor(String name);

    /** Sets a named cursor. */
    void setCursor(String name, long value);

    /** Appends identity updates of an inbox (sequence id and the serialized IdentityUpdate); skips known ids. */
    void putIdentityUpdates(String inboxId, List<StoredIdentityUpdate> updates);

    /** The cached identity updates of an inbox, by ascending sequence id. */
    List<StoredIdentityUpdate> identityUpdates(String inboxId);
}
