package io.socon.messaging.impl.mls.struct;

/** MLS protocol version codes ({@code uint16 ProtocolVersion}, RFC 9420 section 6). */
public final class ProtocolVersion {

    /** MLS 1.0, the only version defined. */
    public static final int MLS10 = 0x0001;

    private ProtocolVersion() {
    }

    /** A readable name for error messages, e.g. {@code "mls10"} or {@code "0x0002"}. */
    public static String describe(int version) {
        return version == MLS10 ? "mls10" : Codes.hex16(version);
    }
}
