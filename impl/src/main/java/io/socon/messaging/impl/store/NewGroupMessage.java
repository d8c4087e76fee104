package io.socon.messaging.impl.store;

/** A validated group message about to be stored; see {@link GroupMessageRecord} for the fields. */
public record NewGroupMessage(byte[] groupId, byte[] data, byte[] senderHmac, boolean shouldPush, boolean isCommit) {
}
