package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.Peer;
import java.util.Set;

/**
 * What a new group starts with. The creating inbox becomes its super admin and need not be listed.
 *
 * @param metadata name, description, image
 * @param members the other members, by inbox id or address (0 to {@value #MAX_MEMBERS}); duplicates are dropped
 * @param permissions who may change the group
 */
public record NewGroup(GroupMetadata metadata, Set<Peer> members, Permissions permissions) {

    /** Most members a group may start with (XMTP's group size limit is 250 inboxes). */
    public static final int MAX_MEMBERS = 249;

    /**
     * XMTP's permission presets.
     */
    public enum Permissions {
        /** Every member may add members and edit metadata; only admins remove members. XMTP's default. */
        ALL_MEMBERS,
        /** Only admins add or remove members and edit metadata. */
        ADMINS_ONLY
    }

    /** @throws InvalidValueException if a component is null, a member is null, or there are too many members */
    public NewGroup {
        if (metadata == null || members == null || permissions == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a new group needs metadata, members and permissions");
        }
        if (members.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a group member must not be null");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a group starts with at most " + MAX_MEMBERS
                    + " other members, got " + members.size() + "; add the rest later");
        }
        members = Set.copyOf(members);
    }

    /** A group with a name, these members and the default permissions. */
    public static NewGroup named(String name, Set<? extends Peer> members) {
        return new NewGroup(GroupMetadata.named(name), Set.<Peer>copyOf(members), Permissions.ALL_MEMBERS);
    }
}
