package io.socon.messaging.impl.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A conversation as the client shows it, at its current epoch.
 *
 * @param id            the group id, hex
 * @param dm            whether it is a DM
 * @param peerInboxId   for a DM, the other inbox
 * @param name          the group name ("" when unset or for a DM)
 * @param description   the description
 * @param imageUrl      the image URL
 * @param memberInboxIds the member inboxes
 * @param admins        admin inboxes
 * @param superAdmins   super admin inboxes
 * @param creatorInboxId who created it
 * @param active        whether this installation is still a member
 * @param createdAtNs   when we created or joined it
 * @param lastActivityNs the time of its newest message or change (for ordering listings)
 * @param addedByInboxId who added this inbox (ourselves for conversations we created)
 */
public record ClientConversation(String id, boolean dm, Optional<String> peerInboxId, String name,
                                 String description, String imageUrl, List<String> memberInboxIds,
                                 Set<String> admins, Set<String> superAdmins, String creatorInboxId, boolean active,
                                 long createdAtNs, long lastActivityNs, String addedByInboxId) {

    public ClientConversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(peerInboxId, "peerInboxId");
        Objects.requireNonNull(addedByInboxId, "addedByInboxId");
        memberInboxIds = List.copyOf(memberInboxIds);
        admins = Set.copyOf(admins);
        superAdmins = Set.copyOf(superAdmins);
    }
}
