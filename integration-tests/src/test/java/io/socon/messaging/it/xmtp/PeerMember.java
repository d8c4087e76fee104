package io.socon.messaging.it.xmtp;

import java.util.List;

/**
 * A conversation member as the peer sees it.
 *
 * @param permissionLevel {@code member}, {@code admin} or {@code superAdmin}
 * @param addresses the member's Ethereum addresses, lowercase
 */
public record PeerMember(String inboxId, List<String> installationIds, String permissionLevel,
        List<String> addresses) {

    public boolean isAdmin() {
        return "admin".equals(permissionLevel) || isSuperAdmin();
    }

    public boolean isSuperAdmin() {
        return "superAdmin".equals(permissionLevel);
    }
}
