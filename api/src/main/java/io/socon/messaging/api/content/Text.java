package io.socon.messaging.api.content;

import java.util.Optional;

/**
 * A plain text message ({@code xmtp.org/text:1.0}).
 *
 * @param text 1 to {@value #MAX_LENGTH} characters
 */
public record Text(String text) implements Content {

    /** Longest text accepted: one million characters, well under the node's payload limit. */
    public static final int MAX_LENGTH = 1_000_000;

    /** @throws io.socon.messaging.api.InvalidValueException if the text is null, empty or too long */
    public Text {
        ContentChecks.text(text, MAX_LENGTH, "message text");
    }

    /** A text message. */
    public static Text of(String text) {
        return new Text(text);
    }

    @Override
    public ContentType type() {
        return ContentType.TEXT_V1;
    }

    @Override
    public Optional<String> fallback() {
        return Optional.empty();
    }
}
