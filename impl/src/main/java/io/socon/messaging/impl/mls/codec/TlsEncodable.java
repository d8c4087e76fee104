package io.socon.messaging.impl.mls.codec;

/** An MLS structure that can write its TLS presentation-language encoding. */
public interface TlsEncodable {

    /** Appends this structure's encoding to {@code out}. */
    void writeTo(TlsWriter out);

    /** This structure's encoding on its own. */
    default byte[] toBytes() {
        TlsWriter out = new TlsWriter();
        writeTo(out);
        return out.toByteArray();
    }
}
