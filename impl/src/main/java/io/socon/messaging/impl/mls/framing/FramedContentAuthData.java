package io.socon.messaging.impl.mls.framing;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * FramedContentAuthData (RFC 9420 section 6.1): the signature over FramedContentTBS and, for commits only,
 * the confirmation tag.
 *
 * @param signature       SignWithLabel(., "FramedContentTBS", FramedContentTBS)
 * @param confirmationTag present exactly when the content is a commit
 */
public record FramedContentAuthData(Bytes signature, Optional<Bytes> confirmationTag) implements TlsEncodable {

    /** Checks for nulls. */
    public FramedContentAuthData {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(confirmationTag, "confirmationTag");
    }

    /** Reads the auth data of content of {@code type}: the confirmation tag is read for commits only. */
    public static FramedContentAuthData readFrom(TlsReader in, ContentType type) {
        Bytes signature = in.readOpaque("FramedContentAuthData.signature");
        Optional<Bytes> tag = type == ContentType.COMMIT
                ? Optional.of(in.readOpaque("FramedContentAuthData.confirmation_tag"))
                : Optional.empty();
        return new FramedContentAuthData(signature, tag);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(signature);
        confirmationTag.ifPresent(out::writeOpaque);
    }
}
