package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.wire.mls.messagecontents.ContentTypeId;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Helpers shared by the codecs: type ids, parameters and strict UTF-8. */
final class Encoded {

    private Encoded() {
    }

    static ContentTypeId wireType(ContentType type) {
        return ContentTypeId.newBuilder()
                .setAuthorityId(type.authorityId())
                .setTypeId(type.typeId())
                .setVersionMajor(type.versionMajor())
                .setVersionMinor(type.versionMinor())
                .build();
    }

    /** The api form of the type id of {@code encoded}, refusing a missing or malformed one. */
    static ContentType typeOf(EncodedContent encoded) {
        if (!encoded.hasType()) {
            throw ContentCodecException.malformed(null, "the encoded content has no content type id");
        }
        ContentTypeId id = encoded.getType();
        try {
            return new ContentType(id.getAuthorityId(), id.getTypeId(),
                    checkedVersion(id.getVersionMajor()), checkedVersion(id.getVersionMinor()));
        } catch (InvalidValueException e) {
            throw ContentCodecException.malformed(null, "the content type id " + id.getAuthorityId() + "/"
                    + id.getTypeId() + ":" + Integer.toUnsignedString(id.getVersionMajor()) + "."
                    + Integer.toUnsignedString(id.getVersionMinor()) + " is malformed: " + e.getMessage(), e);
        }
    }

    private static int checkedVersion(int uint32) {
        // a uint32 above Integer.MAX_VALUE arrives negative and is refused by ContentType
        return uint32;
    }

    /** Starts an EncodedContent of {@code type} with an optional fallback. */
    static EncodedContent.Builder start(ContentType type, Optional<String> fallback) {
        EncodedContent.Builder b = EncodedContent.newBuilder().setType(wireType(type));
        fallback.ifPresent(b::setFallback);
        return b;
    }

    static Optional<String> parameter(EncodedContent encoded, String name) {
        Map<String, String> parameters = encoded.getParametersMap();
        return Optional.ofNullable(parameters.get(name));
    }

    static String requiredParameter(EncodedContent encoded, ContentType type, String name) {
        String value = encoded.getParametersMap().get(name);
        if (value == null || value.isEmpty()) {
            throw ContentCodecException.malformed(type, "the parameter '" + name + "' is missing or empty");
        }
        return value;
    }

    /** Decodes UTF-8, refusing malformed sequences instead of replacing them. */
    static String utf8(byte[] bytes, ContentType type, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ContentCodecException.malformed(type, what + " is not valid UTF-8", e);
        }
    }

    /**
     * Runs an api constructor, turning its {@link InvalidValueException} into a decoding error that says which
     * content type carried the bad value.
     */
    static <T> T build(ContentType type, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidValueException e) {
            throw ContentCodecException.malformed(type, e.getMessage(), e);
        }
    }
}
