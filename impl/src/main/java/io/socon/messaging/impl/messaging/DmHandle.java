package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.impl.client.ClientConversation;

/**
 * A DM of an {@link InboxHandle}. Its operations go through {@link io.socon.messaging.impl.client.XmtpClient},
 * which treats every DM with the peer as one conversation (reads, unread counts and read marks over all, sending
 * through the one shown), so the handle keeps working when another of the peer's DMs becomes the one shown.
 */
final class DmHandle extends ConversationHandle implements Dm {

    private final InboxId peer;

    DmHandle(InboxHandle inbox, ClientConversation snapshot, ConsentState consent) {
        super(inbox, snapshot, consent);
        this.peer = InboxId.of(snapshot.peerInboxId().orElseThrow());
    }

    @Override
    public ConversationKind kind() {
        return ConversationKind.DM;
    }

    @Override
    public InboxId peerInboxId() {
        return peer;
    }
}
