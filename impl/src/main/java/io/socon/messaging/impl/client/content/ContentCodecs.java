package io.socon.messaging.impl.client.content;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The codecs of a client, keyed by content type (authority, type and major version; any minor version is read by
 * the codec of its major version), and the one place where content is encoded, decompressed and decoded.
 *
 * <p>{@link #standard()} has XMTP's types: text, reaction (2.0 written, 1.0 and 2.0 read), reply, read receipt,
 * attachment, remote attachment and group_updated (read only). Content of any other type decodes to
 * {@link Unknown}, keeping the sender's fallback text.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ContentCodecs {

    /** Default limit on decompressed content: 25 MiB, the largest message an XMTP node accepts. */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 25 * 1024 * 1024;

    private record Key(String authorityId, String typeId, int versionMajor) {
        static Key of(ContentType t) {
            return new Key(t.authorityId(), t.typeId(), t.versionMajor());
        }
    }

    private final Map<Key, ContentCodec<?>> decoders = new LinkedHashMap<>();
    private final Map<Class<?>, ContentCodec<?>> encoders = new LinkedHashMap<>();
    private final int maxDecompressedBytes;

    private ContentCodecs(List<ContentCodec<?>> extra, int maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
        List<ContentCodec<?>> all = new ArrayList<>(List.of(new TextCodec(), new LegacyReactionCodec(),
                new ReactionCodec(), new ReplyCodec(this), new ReadReceiptCodec(), new AttachmentCodec(),
                new RemoteAttachmentCodec(), new GroupUpdatedCodec()));
        all.addAll(extra);
        for (ContentCodec<?> codec : all) {
            decoders.put(Key.of(codec.contentType()), codec);
            if (codec.canEncode()) {
                encoders.put(codec.valueType(), codec);
            }
        }
    }

    /** XMTP's standard codecs, with the default decompression limit. */
    public static ContentCodecs standard() {
        return builder().build();
    }

    /** Starts from the standard codecs. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds codecs to the standard ones. */
    public static final class Builder {
        private final List<ContentCodec<?>> extra = new ArrayList<>();
        private int maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;

        private Builder() {
        }

        /**
         * Adds a codec, replacing any codec of the same type and major version. If it can encode, it becomes the
         * encoder of its value class (the last one registered wins; register {@link LegacyReactionCodec} to send
         * reactions as JSON 1.0). The reply codec is always the built-in one.
         */
        public Builder register(ContentCodec<?> codec) {
            Objects.requireNonNull(codec, "codec");
            if (Key.of(codec.contentType()).equals(Key.of(ContentType.REPLY_V1))) {
                throw new IllegalArgumentException("the reply codec is built in and cannot be replaced");
            }
            extra.add(codec);
            return this;
        }

        /** The most bytes compressed content may expand to; more is refused with CONTENT_TOO_LARGE. */
        public Builder maxDecompressedBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the decompression limit must be positive, got " + bytes);
            }
            this.maxDecompressedBytes = bytes;
            return this;
        }

        public ContentCodecs build() {
            return new ContentCodecs(extra, maxDecompressedBytes);
        }
    }

    /** The codec that reads {@code type} (same authority, name and major version), if any. */
    public Optional<ContentCodec<?>> codecFor(ContentType type) {
        return Optional.ofNullable(decoders.get(Key.of(type)));
    }

    /** The codecs, one per type and major version. */
    public Collection<ContentCodec<?>> codecs() {
        return List.copyOf(decoders.values());
    }

    /** The decompression limit of this registry. */
    public int maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    /**
     * Encodes content for sending, fallback text included. {@link Unknown} content is sent as it is: its type,
     * its fallback and its bytes.
     *
     * @throws ContentCodecException with UNSUPPORTED_CONTENT_TYPE if no codec encodes this kind of value
     */
    public EncodedContent encode(Content content) {
        Objects.requireNonNull(content, "content");
        if (content instanceof Unknown u) {
            EncodedContent.Builder b = Encoded.start(u.type(), u.fallback());
            return b.setContent(ByteString.copyFrom(u.encoded())).build();
        }
        return encodeWith(encoderFor(content), content);
    }

    private ContentCodec<?> encoderFor(Object value) {
        ContentCodec<?> codec = encoders.get(value.getClass());
        if (codec == null) {
            throw new ContentCodecException(ErrorCode.UNSUPPORTED_CONTENT_TYPE, null,
                    "no codec encodes " + value.getClass().getSimpleName() + " values", null);
        }
        return codec;
    }

    @SuppressWarnings("unchecked")
    private static <T> EncodedContent encodeWith(ContentCodec<T> codec, Object value) {
        return codec.encode((T) value);
    }

    @SuppressWarnings("unchecked")
    private static <T> boolean pushWith(ContentCodec<T> codec) {
        return codec.shouldPush();
    }

    /**
     * Whether XMTP sends a push notification for this content: as its codec says, and yes for {@link Unknown}
     * content of a type without a codec.
     */
    public boolean shouldPush(Content content) {
        Objects.requireNonNull(content, "content");
        if (content instanceof Unknown u) {
            return codecFor(u.type()).map(ContentCodec::shouldPush).orElse(true);
        }
        return pushWith(encoderFor(content));
    }

    /**
     * Whether XMTP sends a push notification for serialized {@code EncodedContent} received from someone: as the
     * codec of its type says, and yes for types without a codec (as {@link #shouldPush(Content)} for
     * {@link Unknown}) and for bytes that are not an EncodedContent with a type.
     */
    public boolean shouldPush(byte[] encodedContent) {
        ContentType type;
        try {
            type = Encoded.typeOf(parse(encodedContent));
        } catch (ContentCodecException e) {
            return true;
        }
        return codecFor(type).map(ContentCodec::shouldPush).orElse(true);
    }

    /**
     * Parses serialized {@code EncodedContent} (the content of a {@code PlaintextEnvelope}) and decodes it as
     * {@link #decode(EncodedContent)} does.
     *
     * @throws ContentCodecException if the bytes are not an EncodedContent or the content is malformed
     */
    public Content decode(byte[] encodedContent) {
        return decode(parse(encodedContent));
    }

    /** Parses serialized {@code EncodedContent}, refusing bytes that are not one. */
    public static EncodedContent parse(byte[] encodedContent) {
        Objects.requireNonNull(encodedContent, "encodedContent");
        try {
            return EncodedContent.parseFrom(encodedContent);
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(null, "the message content is not an EncodedContent protobuf", e);
        }
    }

    /**
     * Decodes content strictly: a known type that is malformed is an error. Types without a codec, and group
     * updates (which have no api record), become {@link Unknown} with their decompressed bytes and fallback.
     *
     * @throws ContentCodecException if the type id is missing or malformed, the decompressed content is over the
     *     limit, or the codec finds the content malformed
     */
    public Content decode(EncodedContent encoded) {
        Object value = decodeValue(encoded);
        if (value instanceof Content c) {
            return c;
        }
        EncodedContent plain = decompressed(encoded, Encoded.typeOf(encoded));
        return unknown(Encoded.typeOf(plain), plain);
    }

    /**
     * Decodes content with its codec's own value type ({@link GroupUpdate} for group updates, an api record
     * otherwise), or {@link Unknown} for types without a codec.
     *
     * @throws ContentCodecException as {@link #decode(EncodedContent)}
     */
    public Object decodeValue(EncodedContent encoded) {
        Objects.requireNonNull(encoded, "encoded");
        ContentType type = Encoded.typeOf(encoded);
        EncodedContent plain = decompressed(encoded, type);
        ContentCodec<?> codec = decoders.get(Key.of(type));
        if (codec == null) {
            return unknown(type, plain);
        }
        return codec.decode(plain);
    }

    /**
     * Decodes content as libxmtp does when it lists messages: content that a codec cannot read (or that cannot be
     * decompressed) is kept as {@link Unknown} with its fallback text rather than failing.
     *
     * @throws ContentCodecException only if the content has no usable type id
     */
    public Content decodeOrUnknown(EncodedContent encoded) {
        Objects.requireNonNull(encoded, "encoded");
        ContentType type = Encoded.typeOf(encoded);
        EncodedContent plain;
        try {
            plain = decompressed(encoded, type);
        } catch (ContentCodecException e) {
            return unknown(type, encoded);
        }
        try {
            return decode(plain);
        } catch (ContentCodecException e) {
            return unknown(type, plain);
        }
    }

    private EncodedContent decompressed(EncodedContent encoded, ContentType type) {
        if (!encoded.hasCompression()) {
            return encoded;
        }
        byte[] plain = Decompression.decompress(encoded.getContent().toByteArray(), encoded.getCompression(),
                maxDecompressedBytes, type);
        return encoded.toBuilder().clearCompression().setContent(ByteString.copyFrom(plain)).build();
    }

    private static Unknown unknown(ContentType type, EncodedContent encoded) {
        Optional<String> fallback = encoded.hasFallback() ? Optional.of(encoded.getFallback()) : Optional.empty();
        return new Unknown(type, fallback, encoded.getContent().toByteArray());
    }
}
