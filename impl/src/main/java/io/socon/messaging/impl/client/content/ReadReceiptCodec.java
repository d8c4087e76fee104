package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.util.Optional;

/**
 * {@code xmtp.org/readReceipt:1.0}: empty content, no parameters, no fallback, no push. Any content is accepted
 * when reading, as libxmtp and XMTP's JavaScript codec do.
 */
public final class ReadReceiptCodec implements ContentCodec<ReadReceipt> {

    @Override
    public ContentType contentType() {
        return ContentType.READ_RECEIPT_V1;
    }

    @Override
    public Class<ReadReceipt> valueType() {
        return ReadReceipt.class;
    }

    @Override
    public EncodedContent encode(ReadReceipt value) {
        return Encoded.start(contentType(), Optional.empty()).build();
    }

    @Override
    public ReadReceipt decode(EncodedContent encoded) {
        return ReadReceipt.INSTANCE;
    }

    @Override
    public Optional<String> fallback(ReadReceipt value) {
        return Optional.empty();
    }

    @Override
    public boolean shouldPush() {
        return false;
    }
}
