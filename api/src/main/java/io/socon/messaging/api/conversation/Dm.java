package io.socon.messaging.api.conversation;

import io.socon.messaging.api.InboxId;

/**
 * A direct message conversation between this inbox and one peer.
 *
 * <p>Two inboxes can end up with several XMTP DMs (both opened one before seeing the other's, or an installation
 * re-created it). As in XMTP's own clients they are shown as one: listings hold one DM per peer, the most recently
 * active, whose {@link #id()} is the one shown (it can change when another of them becomes more recently active);
 * {@link Conversations#find} of any of their ids returns it; its messages, unread count and read state cover all
 * of them, and it sends through the one shown. Each {@link Message#conversationId()} names the DM the message was
 * sent in.
 */
public non-sealed interface Dm extends Conversation {

    /** The other inbox of this DM. */
    InboxId peerInboxId();
}
