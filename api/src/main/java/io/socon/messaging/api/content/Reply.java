package io.socon.messaging.api.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import java.util.Optional;

/**
 * A reply to an earlier message ({@code xmtp.org/reply:1.0}), carrying its own content.
 *
 * @param reference the message replied to
 * @param referenceSender the inbox that sent that message, if known
 * @param content what the reply says: any content except another reply or a read receipt
 */
public record Reply(MessageId reference, Optional<InboxId> referenceSender, Content content) implements Content {

    /** @throws InvalidValueException if a component is null, or the content is a reply or a read receipt */
    public Reply {
        ContentChecks.notNull(reference, "reference");
        ContentChecks.notNull(referenceSender, "referenceSender");
        ContentChecks.notNull(content, "reply content");
        if (content instanceof Reply || content instanceof ReadReceipt) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "a reply cannot contain a " + content.type() + "; reply with text, a reaction or an attachment");
        }
    }

    /** A text reply to a message. */
    public static Reply text(MessageId reference, String text) {
        return new Reply(reference, Optional.empty(), new Text(text));
    }

    @Override
    public ContentType type() {
        return ContentType.REPLY_V1;
    }

    @Override
    public Optional<String> fallback() {
        String inner = content instanceof Text t ? t.text() : content.fallback().orElse("");
        return Optional.of("Replied with “" + inner + "” to an earlier message");
    }
}
