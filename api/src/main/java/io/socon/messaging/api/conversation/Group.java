package io.socon.messaging.api.conversation;

import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.Peer;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * A group conversation. Changes go through the group's permission policy: a change this inbox may not make
 * fails with {@code PERMISSION_DENIED}.
 */
public non-sealed interface Group extends Conversation {

    /** The group's metadata, as last synced. */
    GroupMetadata metadata();

    /** Replaces the group's name, description and image (one commit; unchanged fields are not rewritten). */
    CompletionStage<Void> updateMetadata(GroupMetadata metadata);

    /**
     * Adds members, by inbox id or address.
     *
     * @return fails with {@code PEER_NOT_REACHABLE} if a peer has no inbox (and then adds nobody)
     */
    CompletionStage<Void> addMembers(Collection<? extends Peer> peers);

    /** Removes members; removing someone who is not a member is not an error. */
    CompletionStage<Void> removeMembers(Collection<InboxId> members);

    /**
     * Sets a member's role: only super admins may change admin roles.
     *
     * @return fails with {@code NOT_A_MEMBER} if {@code member} is not in the group
     */
    CompletionStage<Void> setRole(InboxId member, Role role);

    /** Leaves the group; afterwards this inbox receives nothing from it. */
    CompletionStage<Void> leave();
}
