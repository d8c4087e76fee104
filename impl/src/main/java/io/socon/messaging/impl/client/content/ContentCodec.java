package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.util.Optional;

/**
 * Converts one XMTP content type between a value and its {@link EncodedContent} form, with the same type id,
 * parameters, content bytes and fallback text that libxmtp produces.
 *
 * <p>{@link #decode} sees content that is already decompressed ({@link ContentCodecs} does that) and throws a
 * {@link ContentCodecException} naming the field that is wrong when the content is malformed.
 *
 * @param <T> the value type: an {@code api.content} record, or an engine value such as {@link GroupUpdate}
 */
public interface ContentCodec<T> {

    /** The type this codec writes; it reads every minor version of the same authority, name and major version. */
    ContentType contentType();

    /** The class of the values this codec encodes. */
    Class<T> valueType();

    /** The encoded form of {@code value}, fallback text included. */
    EncodedContent encode(T value);

    /**
     * Reads encoded content of this codec's type.
     *
     * @throws ContentCodecException if the content is malformed; the message names what is wrong
     */
    T decode(EncodedContent encoded);

    /** The text XMTP puts in {@code EncodedContent.fallback} for clients that cannot decode the type. */
    Optional<String> fallback(T value);

    /** Whether XMTP asks for a push notification when a message of this type is sent. */
    boolean shouldPush();

    /** Whether this codec can encode (group updates, for instance, are only read). */
    default boolean canEncode() {
        return true;
    }
}
