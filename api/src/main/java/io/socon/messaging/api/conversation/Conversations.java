package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.Peer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The conversations of one {@link io.socon.messaging.api.Inbox} (XMTP's {@code client.conversations}). */
public interface Conversations {

    /**
     * Lists conversations from local storage (kept current by streams and {@link #sync()}).
     *
     * @throws io.socon.messaging.api.InvalidValueException if {@code query} is null
     */
    CompletionStage<ConversationPage> list(ConversationQuery query);

    /** Finds a conversation this inbox is a member of; empty if there is none with this id. */
    CompletionStage<Optional<Conversation>> find(ConversationId id);

    /**
     * Returns the DM with a peer, creating it if there is none yet. XMTP keeps one DM per pair of inboxes, so
     * calling this twice (or by address and then by inbox id) gives the same conversation.
     *
     * @return completes with the DM, or with {@code PEER_NOT_REACHABLE} if the peer has no XMTP inbox
     * @throws io.socon.messaging.api.InvalidValueException if {@code peer} is null or is this inbox itself
     */
    CompletionStage<Dm> openDm(Peer peer);

    /**
     * Creates a group; this inbox becomes its super admin.
     *
     * @return completes with the group, or with {@code PEER_NOT_REACHABLE} naming members without an inbox
     */
    CompletionStage<Group> createGroup(NewGroup group);

    /** Fetches new welcomes (conversations others added this inbox to) from the node. */
    CompletionStage<Void> sync();
}
