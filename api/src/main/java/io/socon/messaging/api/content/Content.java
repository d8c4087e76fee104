package io.socon.messaging.api.content;

import java.util.Optional;

/**
 * What a message carries. The standard XMTP content types are records of this sealed interface; anything
 * else arrives as {@link Unknown} with the sender's fallback text, so code can {@code switch} exhaustively:
 *
 * <pre>{@code
 * String shown = switch (message.content()) {
 *     case Text t -> t.text();
 *     case Reply r -> "re: " + r.reference();
 *     case Reaction r -> r.emoji();
 *     case Attachment a -> "[file " + a.filename() + "]";
 *     case RemoteAttachment a -> "[file " + a.filename().orElse("") + "]";
 *     case ReadReceipt r -> "";
 *     case Unknown u -> u.fallback().orElse("[unsupported message]");
 * };
 * }</pre>
 */
public sealed interface Content permits Text, Reaction, Reply, ReadReceipt, Attachment, RemoteAttachment, Unknown {

    /** The XMTP content type this value is sent as. */
    ContentType type();

    /**
     * Text for clients that cannot decode this type (XMTP's {@code fallback} field), or empty for types that are
     * not shown (read receipts).
     */
    Optional<String> fallback();
}
