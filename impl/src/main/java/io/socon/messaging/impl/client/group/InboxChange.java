package io.socon.messaging.impl.client.group;

import java.util.Objects;
import java.util.Optional;

/**
 * An inbox that a change adds or removes, as policies see it (libxmtp {@code validated_commit::Inbox}), with
 * its roles before the change and the member who proposed the change, when known.
 *
 * @param inboxId    the inbox added or removed
 * @param creator    whether it created the group
 * @param admin      whether it is on the admin list
 * @param superAdmin whether it is on the super admin list
 * @param proposer   the member who proposed the change; when empty, the committer is judged instead
 */
public record InboxChange(String inboxId, boolean creator, boolean admin, boolean superAdmin,
                          Optional<Actor> proposer) {

    /** Checks for nulls. */
    public InboxChange {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(proposer, "proposer");
    }

    /** The change for {@code inboxId} with its roles read from the group's current metadata. */
    public static InboxChange of(String inboxId, GroupMetadata metadata, MutableMetadata mutableMetadata,
                                 Optional<Actor> proposer) {
        return new InboxChange(inboxId, inboxId.equals(metadata.creatorInboxId()), mutableMetadata.isAdmin(inboxId),
                mutableMetadata.isSuperAdmin(inboxId), proposer);
    }
}
