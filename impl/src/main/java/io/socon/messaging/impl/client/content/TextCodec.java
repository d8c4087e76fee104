package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code xmtp.org/text:1.0}: the text as UTF-8 bytes with the parameter {@code encoding=UTF-8} and no fallback.
 * Like libxmtp, a missing {@code encoding} parameter is read as UTF-8; any other value is refused.
 */
public final class TextCodec implements ContentCodec<Text> {

    static final String ENCODING = "encoding";
    static final String UTF_8 = "UTF-8";

    @Override
    public ContentType contentType() {
        return ContentType.TEXT_V1;
    }

    @Override
    public Class<Text> valueType() {
        return Text.class;
    }

    @Override
    public EncodedContent encode(Text value) {
        return Encoded.start(contentType(), fallback(value))
                .putParameters(ENCODING, UTF_8)
                .setContent(com.google.protobuf.ByteString.copyFrom(value.text(), StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public Text decode(EncodedContent encoded) {
        String encoding = Encoded.parameter(encoded, ENCODING).orElse(UTF_8);
        if (!UTF_8.equals(encoding)) {
            throw ContentCodecException.malformed(contentType(),
                    "the text encoding '" + encoding + "' is not supported; only UTF-8 is");
        }
        String text = Encoded.utf8(encoded.getContent().toByteArray(), contentType(), "the text");
        return Encoded.build(contentType(), () -> new Text(text));
    }

    @Override
    public Optional<String> fallback(Text value) {
        return Optional.empty();
    }

    @Override
    public boolean shouldPush() {
        return true;
    }
}
