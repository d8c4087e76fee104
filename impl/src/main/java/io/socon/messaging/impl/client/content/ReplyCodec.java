package io.socon.messaging.impl.client.content;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code xmtp.org/reply:1.0}: the content is the reply's own {@code EncodedContent}, serialized; the parameters
 * are {@code contentType} (that content's type, {@code authority/type:major.minor}), {@code reference} (the id of
 * the message replied to) and, if known, {@code referenceInboxId}, in that order.
 *
 * <p>When reading, the {@code contentType} parameter is ignored (libxmtp does too) and the nested content is
 * decoded leniently: a type without a codec, or one that fails to decode, is kept as
 * {@link io.socon.messaging.api.content.Unknown}.
 */
public final class ReplyCodec implements ContentCodec<Reply> {

    static final String CONTENT_TYPE = "contentType";
    static final String REFERENCE = "reference";
    static final String REFERENCE_INBOX_ID = "referenceInboxId";

    private final ContentCodecs registry;

    ReplyCodec(ContentCodecs registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public ContentType contentType() {
        return ContentType.REPLY_V1;
    }

    @Override
    public Class<Reply> valueType() {
        return Reply.class;
    }

    @Override
    public EncodedContent encode(Reply value) {
        EncodedContent inner = registry.encode(value.content());
        EncodedContent.Builder b = Encoded.start(contentType(), fallback(value))
                .putParameters(CONTENT_TYPE, Encoded.typeOf(inner).toString())
                .putParameters(REFERENCE, value.reference().value());
        value.referenceSender().ifPresent(s -> b.putParameters(REFERENCE_INBOX_ID, s.value()));
        return b.setContent(inner.toByteString()).build();
    }

    @Override
    public Reply decode(EncodedContent encoded) {
        String reference = Encoded.requiredParameter(encoded, contentType(), REFERENCE);
        MessageId ref = Encoded.build(contentType(), () -> new MessageId(reference));
        Optional<InboxId> sender = Encoded.parameter(encoded, REFERENCE_INBOX_ID)
                .filter(s -> !s.isEmpty())
                .map(s -> Encoded.build(contentType(), () -> new InboxId(s)));
        EncodedContent inner;
        try {
            inner = EncodedContent.parseFrom(encoded.getContent());
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(contentType(), "the replied content is not an EncodedContent protobuf", e);
        }
        Content content = registry.decodeOrUnknown(inner);
        return Encoded.build(contentType(), () -> new Reply(ref, sender, content));
    }

    /**
     * libxmtp's text: {@code Replied with "<text>" to an earlier message} for a text reply, otherwise
     * {@code Replied to an earlier message}.
     */
    @Override
    public Optional<String> fallback(Reply value) {
        if (value.content() instanceof Text t) {
            return Optional.of("Replied with \"" + t.text() + "\" to an earlier message");
        }
        return Optional.of("Replied to an earlier message");
    }

    @Override
    public boolean shouldPush() {
        return true;
    }
}
