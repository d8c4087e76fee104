package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * An HPKE ciphertext (RFC 9420 section 7.6): {@code struct { opaque kem_output<V>; opaque ciphertext<V>; }}.
 *
 * @param kemOutput  the encapsulated key
 * @param ciphertext the sealed data
 */
public record HpkeCiphertext(Bytes kemOutput, Bytes ciphertext) implements TlsEncodable {

    /** Checks for nulls. */
    public HpkeCiphertext {
        Objects.requireNonNull(kemOutput, "kemOutput");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Reads one HPKECiphertext. */
    public static HpkeCiphertext readFrom(TlsReader in) {
        return new HpkeCiphertext(in.readOpaque("HPKECiphertext.kem_output"),
                in.readOpaque("HPKECiphertext.ciphertext"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(kemOutput).writeOpaque(ciphertext);
    }
}
