package io.socon.messaging.impl.store.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message of a conversation: an application message (its EncodedContent) or a membership change the
 * engine recorded (an encoded {@code group_updated} content).
 *
 * @param id                    XMTP's message id: sha256(group id, tab, idempotency key, tab, content bytes)
 * @param groupId               the conversation
 * @param nodeId                the node's id of the MLS message (0 while a local send is not published)
 * @param sentAtNs              the node's timestamp (the local time while unpublished)
 * @param senderInboxId         who sent it
 * @param senderInstallationId  the sending installation's 32-byte key
 * @param kind                  application message or membership change
 * @param encodedContent        the EncodedContent protobuf bytes (secret: stored encrypted)
 * @param delivery              whether the node has it
 * @param shouldPush            whether XMTP would push-notify it (its content type's {@code shouldPush}): what
 *                              counts as unread and is notified; false for membership changes, reactions and
 *                              read receipts
 */
public record StoredMessage(byte[] id, byte[] groupId, long nodeId, long sentAtNs, String senderInboxId,
                            byte[] senderInstallationId, Kind kind, byte[] encodedContent, Delivery delivery,
                            boolean shouldPush) {

    /** What the message is. */
    public enum Kind { APPLICATION, MEMBERSHIP_CHANGE }

    /** Whether the node has the message. */
    public enum Delivery { UNPUBLISHED, PUBLISHED, FAILED }

    public StoredMessage {
        id = id.clone();
        groupId = groupId.clone();
        Objects.requireNonNull(senderInboxId, "senderInboxId");
        senderInstallationId = senderInstallationId.clone();
        Objects.requireNonNull(kind, "kind");
        encodedContent = encodedContent.clone();
        Objects.requireNonNull(delivery, "delivery");
    }

    /** A message that is pushed if and only if it is an application message. */
    public StoredMessage(byte[] id, byte[] groupId, long nodeId, long sentAtNs, String senderInboxId,
                         byte[] senderInstallationId, Kind kind, byte[] encodedContent, Delivery delivery) {
        this(id, groupId, nodeId, sentAtNs, senderInboxId, senderInstallationId, kind, encodedContent, delivery,
                kind == Kind.APPLICATION);
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public byte[] senderInstallationId() {
        return senderInstallationId.clone();
    }

    @Override
    public byte[] encodedContent() {
        return encodedContent.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage s && Arrays.equals(id, s.id) && Arrays.equals(groupId, s.groupId)
                && nodeId == s.nodeId && sentAtNs == s.sentAtNs && senderInboxId.equals(s.senderInboxId)
                && Arrays.equals(senderInstallationId, s.senderInstallationId) && kind == s.kind
                && Arrays.equals(encodedContent, s.encodedContent) && delivery == s.delivery
                && shouldPush == s.shouldPush;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "StoredMessage[" + java.util.HexFormat.of().formatHex(id) + ", " + kind + ", node id " + nodeId + "]";
    }
}
