package io.socon.messaging.it.xmtp;

/** The result of {@code syncAll}: how many conversations were eligible and how many were synced. */
public record SyncSummary(int numEligible, int numSynced) {
}
