package io.socon.messaging.impl.mls.struct;

/** MLS cipher suite codes ({@code uint16 CipherSuite}, RFC 9420 section 17.1). */
public final class CipherSuite {

    /** MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519. */
    public static final int X25519_AES128GCM_SHA256_ED25519 = 0x0001;

    /** MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519, the one XMTP uses. */
    public static final int X25519_CHACHA20POLY1305_SHA256_ED25519 = 0x0003;

    private CipherSuite() {
    }

    /** A readable name for error messages. */
    public static String describe(int suite) {
        return switch (suite) {
            case X25519_AES128GCM_SHA256_ED25519 -> "0x0001 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519)";
            case 0x0002 -> "0x0002 (MLS_128_DHKEMP256_AES128GCM_SHA256_P256)";
            case X25519_CHACHA20POLY1305_SHA256_ED25519 ->
                    "0x0003 (MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519)";
            default -> Codes.hex16(suite);
        };
    }
}
