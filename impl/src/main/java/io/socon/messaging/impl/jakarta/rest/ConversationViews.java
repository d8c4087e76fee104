package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Member;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.jakarta.rest.json.ConversationJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Assembles the conversation JSON (members, last message, unread count) without blocking. */
final class ConversationViews {

    private ConversationViews() {
    }

    /** One conversation as its inbox sees it (the read state is that inbox's own). */
    static CompletionStage<ConversationJson> view(Conversation c) {
        CompletableFuture<List<Member>> members = c.members().toCompletableFuture();
        CompletableFuture<Optional<Message>> last = c.lastMessage().toCompletableFuture();
        CompletableFuture<Long> unread = c.unreadCount().toCompletableFuture();
        return CompletableFuture.allOf(members, last, unread).thenApply(done -> JsonMapping.conversation(c.id(),
                c.kind(), c instanceof Dm dm ? Optional.of(dm.peerInboxId()) : Optional.empty(),
                c instanceof Group g ? g.metadata() : GroupMetadata.EMPTY, c.createdAt(), members.join(),
                last.join(), unread.join()));
    }

    /** Several conversations, in the given order. */
    static CompletionStage<List<ConversationJson>> views(List<Conversation> conversations) {
        List<CompletableFuture<ConversationJson>> each = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            each.add(view(c).toCompletableFuture());
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }
}
