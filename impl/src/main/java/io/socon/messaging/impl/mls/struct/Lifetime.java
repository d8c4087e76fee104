package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.time.Instant;

/**
 * The validity window of a key package's leaf node (RFC 9420 section 7.2): {@code struct { uint64
 * not_before; uint64 not_after; }} in seconds since the Unix epoch. Both are unsigned 64-bit values;
 * a negative {@code long} stands for 2^63 or more.
 *
 * @param notBefore the first second of validity
 * @param notAfter  the last second of validity
 */
public record Lifetime(long notBefore, long notAfter) implements TlsEncodable {

    /** The window between two instants, truncated to whole seconds. */
    public static Lifetime between(Instant notBefore, Instant notAfter) {
        if (notBefore.getEpochSecond() < 0 || notAfter.getEpochSecond() < 0) {
            throw new IllegalArgumentException("a lifetime cannot start or end before 1970");
        }
        return new Lifetime(notBefore.getEpochSecond(), notAfter.getEpochSecond());
    }

    /** Reads one Lifetime. */
    public static Lifetime readFrom(TlsReader in) {
        return new Lifetime(in.readUint64("Lifetime.not_before"), in.readUint64("Lifetime.not_after"));
    }

    /** {@code not_before} as an instant; values beyond {@link Instant#MAX} become {@code Instant.MAX}. */
    public Instant notBeforeInstant() {
        return toInstant(notBefore);
    }

    /** {@code not_after} as an instant; values beyond {@link Instant#MAX} become {@code Instant.MAX}. */
    public Instant notAfterInstant() {
        return toInstant(notAfter);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint64(notBefore).writeUint64(notAfter);
    }

    @Override
    public String toString() {
        return "Lifetime[" + notBeforeInstant() + " .. " + notAfterInstant() + "]";
    }

    private static Instant toInstant(long unsignedSeconds) {
        if (unsignedSeconds < 0 || unsignedSeconds > Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(unsignedSeconds);
    }
}
