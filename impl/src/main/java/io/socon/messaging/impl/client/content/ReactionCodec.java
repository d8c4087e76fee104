package io.socon.messaging.impl.client.content;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.ReactionAction;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.ReactionSchema;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.ReactionV2;
import java.util.Optional;

/**
 * {@code xmtp.org/reaction:2.0}, what libxmtp 1.10 sends: a {@code ReactionV2} protobuf as content, no
 * parameters, a fallback, and no push. {@link LegacyReactionCodec} reads the JSON version 1.0.
 */
public final class ReactionCodec implements ContentCodec<Reaction> {

    @Override
    public ContentType contentType() {
        return XmtpContentTypes.REACTION_V2;
    }

    @Override
    public Class<Reaction> valueType() {
        return Reaction.class;
    }

    @Override
    public EncodedContent encode(Reaction value) {
        ReactionV2 proto = ReactionV2.newBuilder()
                .setReference(value.reference().value())
                .setReferenceInboxId(value.referenceSender().map(InboxId::value).orElse(""))
                .setAction(value.action() == Reaction.Action.ADDED
                        ? ReactionAction.REACTION_ACTION_ADDED : ReactionAction.REACTION_ACTION_REMOVED)
                .setContent(value.emoji())
                .setSchema(switch (value.schema()) {
                    case UNICODE -> ReactionSchema.REACTION_SCHEMA_UNICODE;
                    case SHORTCODE -> ReactionSchema.REACTION_SCHEMA_SHORTCODE;
                    case CUSTOM -> ReactionSchema.REACTION_SCHEMA_CUSTOM;
                })
                .build();
        return Encoded.start(contentType(), fallback(value)).setContent(proto.toByteString()).build();
    }

    @Override
    public Reaction decode(EncodedContent encoded) {
        ReactionV2 proto;
        try {
            proto = ReactionV2.parseFrom(encoded.getContent());
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(contentType(), "the content is not a ReactionV2 protobuf", e);
        }
        Reaction.Action action = switch (proto.getAction()) {
            case REACTION_ACTION_ADDED -> Reaction.Action.ADDED;
            case REACTION_ACTION_REMOVED -> Reaction.Action.REMOVED;
            default -> throw ContentCodecException.malformed(contentType(),
                    "the reaction action is " + proto.getActionValue() + ", neither added (1) nor removed (2)");
        };
        Reaction.Schema schema = switch (proto.getSchema()) {
            case REACTION_SCHEMA_UNICODE -> Reaction.Schema.UNICODE;
            case REACTION_SCHEMA_SHORTCODE -> Reaction.Schema.SHORTCODE;
            case REACTION_SCHEMA_CUSTOM -> Reaction.Schema.CUSTOM;
            default -> throw ContentCodecException.malformed(contentType(),
                    "the reaction schema is " + proto.getSchemaValue() + ", not unicode (1), shortcode (2) or custom (3)");
        };
        return reaction(contentType(), proto.getReference(), proto.getReferenceInboxId(), action, schema,
                proto.getContent());
    }

    static Reaction reaction(ContentType type, String reference, String referenceInboxId, Reaction.Action action,
            Reaction.Schema schema, String emoji) {
        MessageId ref = Encoded.build(type, () -> new MessageId(reference == null ? "" : reference));
        Optional<InboxId> sender = referenceInboxId == null || referenceInboxId.isEmpty()
                ? Optional.empty()
                : Optional.of(Encoded.build(type, () -> new InboxId(referenceInboxId)));
        return Encoded.build(type, () -> new Reaction(ref, sender, action, schema, emoji));
    }

    /**
     * libxmtp's text for both versions: {@code Reacted with "<emoji>" to an earlier message} or
     * {@code Removed "<emoji>" from an earlier message}.
     */
    @Override
    public Optional<String> fallback(Reaction value) {
        return Optional.of(xmtpFallback(value));
    }

    static String xmtpFallback(Reaction value) {
        return value.action() == Reaction.Action.REMOVED
                ? "Removed \"" + value.emoji() + "\" from an earlier message"
                : "Reacted with \"" + value.emoji() + "\" to an earlier message";
    }

    @Override
    public boolean shouldPush() {
        return false;
    }
}
