package io.socon.messaging.impl.store;

/** A commit-log entry about to be stored; see {@link CommitLogRecord} for the fields. */
public record NewCommitLogEntry(byte[] groupId, byte[] serializedEntry, byte[] signature) {
}
