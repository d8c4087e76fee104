package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.ClientMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Optional;

/** Between the engine's values and the API's records. */
final class Mapping {

    /** Stands for a sender the engine could not name (a leaf without an XMTP credential). */
    static final InboxId UNKNOWN_SENDER = InboxId.of("0".repeat(64));

    private Mapping() {
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException overflow) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Message message(ClientMessage m) {
        InboxId sender;
        try {
            sender = InboxId.of(m.senderInboxId());
        } catch (InvalidValueException unknown) {
            sender = UNKNOWN_SENDER;
        }
        return new Message(MessageId.of(m.id()), ConversationId.of(m.conversationId()), sender,
                instant(m.sentAtNs()), m.content(),
                m.published() ? Message.DeliveryStatus.PUBLISHED : Message.DeliveryStatus.UNPUBLISHED);
    }

    /** The group's metadata; a name or description over the API's limits is cut, an unusable image URL left out. */
    static GroupMetadata metadata(ClientConversation c) {
        String name = cut(c.name(), GroupMetadata.MAX_NAME_LENGTH);
        String description = cut(c.description(), GroupMetadata.MAX_DESCRIPTION_LENGTH);
        Optional<URI> image = Optional.empty();
        if (!c.imageUrl().isBlank()) {
            try {
                URI uri = new URI(c.imageUrl().trim());
                new GroupMetadata("", "", Optional.of(uri));
                image = Optional.of(uri);
            } catch (URISyntaxException | InvalidValueException unusable) {
                image = Optional.empty();
            }
        }
        return new GroupMetadata(name, description, image);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
