package io.socon.messaging.it.xmtp;

import java.util.List;

/**
 * A DM or group as the peer sees it.
 *
 * @param id the conversation (MLS group) id, hex
 * @param type {@code dm} or {@code group}
 * @param name the group name; {@code null} for a DM
 * @param peerInboxId for a DM, the other member's inbox id; {@code null} for a group
 */
public record PeerConversation(String id, String type, String name, String peerInboxId, long createdAtNs,
        List<PeerMember> members) {

    public boolean isDm() {
        return "dm".equals(type);
    }

    public List<String> memberInboxIds() {
        return members.stream().map(PeerMember::inboxId).toList();
    }
}
