package io.socon.messaging.impl.mls.struct;

/** MLS credential type codes ({@code uint16 CredentialType}, RFC 9420 section 5.3). */
public final class CredentialType {

    /** A basic credential: an opaque identity. XMTP puts its {@code MlsCredential} protobuf there. */
    public static final int BASIC = 0x0001;
    /** An X.509 certificate chain. */
    public static final int X509 = 0x0002;

    private CredentialType() {
    }

    /** A readable name for error messages. */
    public static String describe(int type) {
        return switch (type) {
            case BASIC -> "0x0001 (basic)";
            case X509 -> "0x0002 (x509)";
            default -> Codes.hex16(type);
        };
    }
}
