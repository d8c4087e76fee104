package io.socon.messaging.impl.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What XMTP's group-context extensions say about a conversation at one epoch.
 *
 * @param dm             whether it is a DM (else a group)
 * @param creatorInboxId who created it
 * @param dmMembers      for a DM, the two inboxes; else empty
 * @param name           the group name ("" when unset)
 * @param description    the description ("" when unset)
 * @param imageUrl       the image URL ("" when unset)
 * @param admins         the admins' inbox ids
 * @param superAdmins    the super admins' inbox ids
 * @param membership     inbox id to the identity sequence id its installations were taken from
 * @param failedInstallations installations that could not be added (no usable key package)
 */
public record ConversationView(boolean dm, String creatorInboxId, List<String> dmMembers, String name,
                               String description, String imageUrl, Set<String> admins, Set<String> superAdmins,
                               Map<String, Long> membership, Set<io.socon.messaging.impl.mls.codec.Bytes> failedInstallations) {

    public ConversationView {
        dmMembers = List.copyOf(dmMembers);
        admins = Set.copyOf(admins);
        superAdmins = Set.copyOf(superAdmins);
        membership = Map.copyOf(membership);
        failedInstallations = Set.copyOf(failedInstallations);
    }

    /** For a DM, the member that is not {@code self}. */
    public Optional<String> dmPeerOf(String self) {
        return dmMembers.stream().filter(m -> !m.equals(self)).findFirst();
    }
}
