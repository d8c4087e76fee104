package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.MessageQuery;
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

    /** One conversation as {@code me} sees it. */
    static CompletionStage<ConversationJson> view(Conversation c, InboxId me) {
        return c.members().thenCombine(c.messages(MessageQuery.latest(JsonMapping.RECENT_MESSAGES)),
                (members, page) -> JsonMapping.conversation(c.id(), c.kind(),
                        c instanceof Dm dm ? Optional.of(dm.peerInboxId()) : Optional.empty(),
                        c instanceof Group g ? g.metadata() : GroupMetadata.EMPTY,
                        c.createdAt(), members, page.messages(), me));
    }

    /** Several conversations, in the given order. */
    static CompletionStage<List<ConversationJson>> views(List<Conversation> conversations, InboxId me) {
        List<CompletableFuture<ConversationJson>> each = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            each.add(view(c, me).toCompletableFuture());
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }
}
