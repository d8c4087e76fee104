package io.socon.messaging.impl.store;

import java.util.List;
import java.util.Optional;

/**
 * What the relay node keeps: group messages, welcomes, key packages, identity updates and commit logs.
 *
 * <p>Every write is durable when the method returns (read-after-write holds), ids start at 1 and only
 * grow, and within one topic (a group, an installation's welcomes, an inbox) they grow in commit order,
 * so a reader that remembers the highest id it has seen misses nothing. Implementations are thread-safe.
 */
public interface NodeStore extends AutoCloseable {

    /**
     * Stores a batch atomically, skipping messages already stored (same group and bytes).
     *
     * @return the stored records, in the batch's order, with their ids (an existing record for a duplicate)
     */
    List<GroupMessageRecord> appendGroupMessages(List<NewGroupMessage> messages);

    List<GroupMessageRecord> groupMessages(byte[] groupId, PageRequest page);

    Optional<GroupMessageRecord> newestGroupMessage(byte[] groupId);

    /** Stores a batch atomically, skipping welcomes already stored (same installation and bytes). */
    List<WelcomeRecord> appendWelcomes(List<NewWelcome> welcomes);

    List<WelcomeRecord> welcomes(byte[] installationKey, PageRequest page);

    /** Makes {@code keyPackage} the newest of the installation (and keeps it in the history). */
    void putKeyPackage(byte[] installationKey, String inboxId, byte[] keyPackage);

    /** The newest key package of each installation, in the order asked, empty where none is known. */
    List<Optional<byte[]>> newestKeyPackages(List<byte[]> installationKeys);

    /**
     * Appends an identity update to an inbox's log under a lock on the inbox: loads the log, asks
     * {@code decision}, writes the update and the identifier index, commits.
     *
     * @return the appended record
     */
    IdentityUpdateRecord appendIdentityUpdate(String inboxId, IdentityUpdateDecision decision);

    /** The inbox's updates with a sequence id greater than {@code afterSequenceId}, oldest first. */
    List<IdentityUpdateRecord> identityUpdates(String inboxId, long afterSequenceId);

    /** The inbox most recently associated with {@code identifier} and not since removed from it. */
    Optional<String> inboxIdFor(String identifier);

    /** Stores a batch atomically, each entry with the next sequence id. */
    List<CommitLogRecord> appendCommitLogEntries(List<NewCommitLogEntry> entries);

    /** The group's commit-log entries with an id greater than {@code afterId}, ascending. */
    List<CommitLogRecord> commitLog(byte[] groupId, long afterId, int limit);

    /** Who hears of new group messages and welcomes after they are committed (live subscriptions). */
    void setEvents(StoreEvents events);

    @Override
    void close();
}
