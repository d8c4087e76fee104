package io.socon.messaging.api;

import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Conversations;
import io.socon.messaging.api.conversation.Message;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One host user's open XMTP inbox: their identity, conversations and streams. Obtained from
 * {@link Messaging#openInbox(HostUser)}; thread-safe; cheap to keep open (an idle inbox holds no connection of
 * its own, streams are multiplexed).
 */
public interface Inbox extends AutoCloseable {

    /** Who this inbox is: inbox id, address and installation id. Does no I/O. */
    InboxInfo info();

    /** This inbox's conversations: list, find, open a DM, create a group. */
    Conversations conversations();

    /**
     * Whether each peer can receive XMTP messages (has an inbox with at least one installation).
     *
     * @param peers addresses or inbox ids; at most 1000
     * @return completes with an answer for every peer given
     * @throws InvalidValueException if {@code peers} is null, contains null or has more than 1000 entries
     */
    CompletionStage<Map<Peer, Boolean>> canMessage(Collection<? extends Peer> peers);

    /**
     * A stream of conversations this inbox is added to from now on (new DMs and groups, created here or by
     * others). Each subscriber gets its own stream; cancel its {@link Flow.Subscription} to stop.
     * See the package documentation for the stream rules.
     */
    Flow.Publisher<Conversation> conversationStream();

    /**
     * A stream of new messages in all conversations of this inbox, including those created after subscribing
     * (XMTP's {@code streamAllMessages}). Messages sent from this inbox are included.
     */
    Flow.Publisher<Message> messageStream();

    /** Stops this inbox's streams and releases it; the host user's data stays. Idempotent. */
    @Override
    void close();
}
