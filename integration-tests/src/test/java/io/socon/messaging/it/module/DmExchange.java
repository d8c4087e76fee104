package io.socon.messaging.it.module;

import static io.socon.messaging.it.module.Waits.await;
import static io.socon.messaging.it.module.Waits.until;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.Messaging;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.api.conversation.MessageQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Two host users with custodial inboxes exchange a DM through the deployed module: Alice opens it and writes,
 * Bob finds it after a sync and answers, Alice reads the answer. Runs in the container.
 */
public final class DmExchange {

    /** Who talked, their inboxes, the DM, and the texts each side read. */
    public record Result(HostUser alice, HostUser bob, Inbox aliceInbox, Inbox bobInbox, ConversationId dm,
            List<String> bobRead, List<String> aliceRead) {
    }

    private DmExchange() {
    }

    public static Result run(Messaging messaging, String toBob, String toAlice) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HostUser alice = HostUser.of("alice-" + run);
        HostUser bob = HostUser.of("bob-" + run);
        Inbox aliceInbox = await(messaging.openInbox(alice));
        Inbox bobInbox = await(messaging.openInbox(bob));

        Dm dm = await(aliceInbox.conversations().openDm(bobInbox.info().inboxId()));
        await(dm.sendText(toBob));

        Conversation bobsDm = until("Bob to see the DM", () -> {
            await(bobInbox.conversations().sync());
            return await(bobInbox.conversations().find(dm.id())).orElse(null);
        });
        List<String> bobRead = until("Bob to read '" + toBob + "'", () -> textsIfContains(bobsDm, toBob));
        await(bobsDm.sendText(toAlice));
        List<String> aliceRead = until("Alice to read '" + toAlice + "'", () -> textsIfContains(dm, toAlice));
        return new Result(alice, bob, aliceInbox, bobInbox, dm.id(), bobRead, aliceRead);
    }

    private static List<String> textsIfContains(Conversation conversation, String text) {
        await(conversation.sync());
        List<String> texts = await(conversation.messages(MessageQuery.oldest(50))).messages().stream()
                .map(Message::content).map(c -> c instanceof Text t ? Optional.of(t.text()) : Optional.<String>empty())
                .flatMap(Optional::stream).toList();
        return texts.contains(text) ? texts : null;
    }
}
