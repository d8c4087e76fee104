package io.socon.messaging.api.content;

import java.util.Optional;

/**
 * A read receipt ({@code xmtp.org/readReceipt:1.0}): the sender has read the conversation up to the time it
 * was sent. It has no fields; use {@link #INSTANCE}. Clients do not show it as a message.
 */
public record ReadReceipt() implements Content {

    /** The read receipt. */
    public static final ReadReceipt INSTANCE = new ReadReceipt();

    @Override
    public ContentType type() {
        return ContentType.READ_RECEIPT_V1;
    }

    @Override
    public Optional<String> fallback() {
        return Optional.empty();
    }
}
