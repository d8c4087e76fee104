package io.socon.messaging.api.conversation;

import io.socon.messaging.api.InboxId;

/** A direct message conversation between this inbox and one peer. */
public non-sealed interface Dm extends Conversation {

    /** The other inbox of this DM. */
    InboxId peerInboxId();
}
