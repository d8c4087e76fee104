package io.socon.messaging.api.content;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Content of a type this library does not decode, kept as the sender encoded it. Show {@link #fallback()} if
 * present. Sending an {@code Unknown} sends the bytes unchanged under its type, which lets an application use
 * its own content types.
 *
 * @param type the content type
 * @param fallback the sender's text for clients that cannot decode the type
 * @param encoded the encoded content bytes (copied in and out)
 */
public record Unknown(ContentType type, Optional<String> fallback, byte[] encoded) implements Content {

    /** @throws io.socon.messaging.api.InvalidValueException if a component is null */
    public Unknown {
        ContentChecks.notNull(type, "type");
        ContentChecks.notNull(fallback, "fallback");
        encoded = ContentChecks.notNull(encoded, "encoded").clone();
    }

    /** A copy of the encoded bytes. */
    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unknown u && type.equals(u.type) && fallback.equals(u.fallback)
                && Arrays.equals(encoded, u.encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, fallback, Arrays.hashCode(encoded));
    }

    @Override
    public String toString() {
        return "Unknown[type=" + type + ", fallback=" + fallback + ", " + encoded.length + " bytes]";
    }
}
