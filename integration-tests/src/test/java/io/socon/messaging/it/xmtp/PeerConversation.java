package io.socon.messaging.it.xmtp;

import java.util.List;
import java.util.Optional;

/**
 * A DM or group as the peer sees it.
 *
 * @param id the conversation (MLS group) id, hex
 * @param type {@code dm} or {@code group}
 * @param name the group name; {@code null} for a DM
 * @param description the group description; {@code null} for a DM
 * @param peerInboxId for a DM, the other member's inbox id; {@code null} for a group
 * @param active whether this client is still a member (false once removed)
 * @param pendingRemoval whether this client asked to leave the group and is not yet removed
 */
public record PeerConversation(String id, String type, String name, String description, String peerInboxId,
        long createdAtNs, boolean active, boolean pendingRemoval, List<PeerMember> members) {

    public boolean isDm() {
        return "dm".equals(type);
    }

    public List<String> memberInboxIds() {
        return members.stream().map(PeerMember::inboxId).toList();
    }

    /** The member with this inbox id. */
    public Optional<PeerMember> member(String inboxId) {
        return members.stream().filter(m -> m.inboxId().equals(inboxId)).findFirst();
    }
}
