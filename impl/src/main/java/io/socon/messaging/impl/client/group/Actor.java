package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Objects;

/**
 * Who makes a change, as policies see it (libxmtp {@code CommitParticipant}): an installation of an inbox and
 * that inbox's roles in the group before the change.
 *
 * @param inboxId         the inbox id named by the leaf's credential
 * @param installationKey the leaf's signature key, which is the installation key; may be empty where unknown
 * @param creator         whether the inbox created the group
 * @param admin           whether the inbox is on the admin list
 * @param superAdmin      whether the inbox is on the super admin list
 */
public record Actor(String inboxId, Bytes installationKey, boolean creator, boolean admin, boolean superAdmin) {

    /** Checks for nulls. */
    public Actor {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(installationKey, "installationKey");
    }

    /** The actor for {@code member} with its roles read from the group's current metadata. */
    public static Actor of(LeafMember member, GroupMetadata metadata, MutableMetadata mutableMetadata) {
        return new Actor(member.inboxId(), member.installationKey(),
                member.inboxId().equals(metadata.creatorInboxId()),
                mutableMetadata.isAdmin(member.inboxId()), mutableMetadata.isSuperAdmin(member.inboxId()));
    }

    /** The member (inbox and installation) acting. */
    public LeafMember member() {
        return new LeafMember(inboxId, installationKey);
    }
}
