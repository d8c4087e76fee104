package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xmtp.org/reaction:1.0}, the JSON reaction of XMTP's JavaScript codec: UTF-8 JSON
 * {@code {"action","reference","referenceInboxId"?,"schema","content"}} with lowercase action and schema names,
 * and no parameters. Reading also accepts the oldest form, where the content is the bare emoji and
 * {@code action}, {@code reference} and {@code schema} are parameters.
 *
 * <p>{@link ContentCodecs} sends reactions with {@link ReactionCodec} (version 2.0, as libxmtp 1.10 does);
 * this codec can still write 1.0 when asked directly.
 */
public final class LegacyReactionCodec implements ContentCodec<Reaction> {

    @Override
    public ContentType contentType() {
        return ContentType.REACTION_V1;
    }

    @Override
    public Class<Reaction> valueType() {
        return Reaction.class;
    }

    @Override
    public EncodedContent encode(Reaction value) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("action", value.action().name().toLowerCase(Locale.ROOT));
        json.put("reference", value.reference().value());
        value.referenceSender().ifPresent(s -> json.put("referenceInboxId", s.value()));
        json.put("schema", value.schema().name().toLowerCase(Locale.ROOT));
        json.put("content", value.emoji());
        return Encoded.start(contentType(), fallback(value))
                .setContent(com.google.protobuf.ByteString.copyFrom(FlatJson.write(json), StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public Reaction decode(EncodedContent encoded) {
        String text = Encoded.utf8(encoded.getContent().toByteArray(), contentType(), "the reaction");
        Map<String, String> members;
        try {
            members = FlatJson.readStringMembers(text);
        } catch (IllegalArgumentException notJson) {
            if (encoded.getParametersMap().containsKey("action")) {
                // the oldest form: the emoji is the content, the rest are parameters
                Map<String, String> p = encoded.getParametersMap();
                return ReactionCodec.reaction(contentType(), p.get("reference"), null,
                        action(p.get("action")), schema(p.get("schema")), text);
            }
            throw ContentCodecException.malformed(contentType(),
                    "the reaction is not a JSON object: " + notJson.getMessage(), notJson);
        }
        return ReactionCodec.reaction(contentType(), required(members, "reference"), members.get("referenceInboxId"),
                action(required(members, "action")), schema(required(members, "schema")), required(members, "content"));
    }

    private String required(Map<String, String> members, String name) {
        String value = members.get(name);
        if (value == null) {
            throw ContentCodecException.malformed(contentType(), "the reaction JSON has no string member '" + name + "'");
        }
        return value;
    }

    private Reaction.Action action(String action) {
        return switch (action == null ? "" : action) {
            case "added" -> Reaction.Action.ADDED;
            case "removed" -> Reaction.Action.REMOVED;
            default -> throw ContentCodecException.malformed(contentType(),
                    "the reaction action '" + action + "' is neither 'added' nor 'removed'");
        };
    }

    private Reaction.Schema schema(String schema) {
        return switch (schema == null ? "" : schema) {
            case "unicode" -> Reaction.Schema.UNICODE;
            case "shortcode" -> Reaction.Schema.SHORTCODE;
            case "custom" -> Reaction.Schema.CUSTOM;
            default -> throw ContentCodecException.malformed(contentType(),
                    "the reaction schema '" + schema + "' is not 'unicode', 'shortcode' or 'custom'");
        };
    }

    /** libxmtp's legacy codec uses the same text as version 2.0. */
    @Override
    public Optional<String> fallback(Reaction value) {
        return Optional.of(ReactionCodec.xmtpFallback(value));
    }

    @Override
    public boolean shouldPush() {
        return false;
    }
}
