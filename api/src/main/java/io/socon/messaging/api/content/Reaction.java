package io.socon.messaging.api.content;

import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import java.util.Optional;

/**
 * A reaction to a message ({@code xmtp.org/reaction}): an emoji added or removed.
 *
 * @param reference the message reacted to
 * @param referenceSender the inbox that sent that message, if known (XMTP clients use it to group reactions)
 * @param action whether the reaction is added or removed
 * @param schema how {@code emoji} is written
 * @param emoji the reaction: a Unicode emoji, a {@code :shortcode:} or an application-defined name (1 to 64 characters)
 */
public record Reaction(MessageId reference, Optional<InboxId> referenceSender, Action action, Schema schema,
        String emoji) implements Content {

    /** Whether a reaction is added or taken back. */
    public enum Action {
        /** The reaction is added. */
        ADDED,
        /** An earlier reaction is removed. */
        REMOVED
    }

    /** How the reaction text is written. */
    public enum Schema {
        /** A Unicode emoji such as 👍. */
        UNICODE,
        /** A shortcode such as {@code :thumbsup:}. */
        SHORTCODE,
        /** An application-defined name. */
        CUSTOM
    }

    /** @throws io.socon.messaging.api.InvalidValueException if a component is null or the emoji is empty or too long */
    public Reaction {
        ContentChecks.notNull(reference, "reference");
        ContentChecks.notNull(referenceSender, "referenceSender");
        ContentChecks.notNull(action, "action");
        ContentChecks.notNull(schema, "schema");
        ContentChecks.text(emoji, 64, "reaction");
    }

    /** Adds a Unicode emoji reaction to a message. */
    public static Reaction add(MessageId reference, String emoji) {
        return new Reaction(reference, Optional.empty(), Action.ADDED, Schema.UNICODE, emoji);
    }

    /** Removes a Unicode emoji reaction from a message. */
    public static Reaction remove(MessageId reference, String emoji) {
        return new Reaction(reference, Optional.empty(), Action.REMOVED, Schema.UNICODE, emoji);
    }

    /** {@link ContentType#REACTION_V2}, the form reactions are sent in. */
    @Override
    public ContentType type() {
        return ContentType.REACTION_V2;
    }

    @Override
    public Optional<String> fallback() {
        return Optional.of((action == Action.ADDED ? "Reacted “" : "Removed “") + emoji + "” to an earlier message");
    }
}
