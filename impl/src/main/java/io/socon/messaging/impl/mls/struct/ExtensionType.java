package io.socon.messaging.impl.mls.struct;

/**
 * MLS extension type codes ({@code uint16 ExtensionType}). Any value may appear on the wire; extensions of
 * types we do not know are kept as raw bytes.
 */
public final class ExtensionType {

    /** application_id (RFC 9420), a leaf node extension. */
    public static final int APPLICATION_ID = 0x0001;
    /** ratchet_tree (RFC 9420), a GroupInfo extension. */
    public static final int RATCHET_TREE = 0x0002;
    /** required_capabilities (RFC 9420), a group context extension. */
    public static final int REQUIRED_CAPABILITIES = 0x0003;
    /** external_pub (RFC 9420), a GroupInfo extension. */
    public static final int EXTERNAL_PUB = 0x0004;
    /** external_senders (RFC 9420), a group context extension. */
    public static final int EXTERNAL_SENDERS = 0x0005;
    /** last_resort (MLS extensions draft), a key package extension with no content. */
    public static final int LAST_RESORT = 0x000A;

    private ExtensionType() {
    }

    /**
     * Whether the type is one of RFC 9420's own extensions (1 to 5). These need not be listed in a leaf's
     * capabilities to be used (RFC 9420 section 7.2).
     */
    public static boolean isDefault(int type) {
        return type >= APPLICATION_ID && type <= EXTERNAL_SENDERS;
    }

    /**
     * Whether the value is one of the GREASE values of RFC 9420 section 13.5 (0x0A0A, 0x1A1A, ... 0xEAEA),
     * which implementations send to keep unknown values working.
     */
    public static boolean isGrease(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >>> 12) == ((value >>> 4) & 0x0F) && value != 0xFAFA;
    }

    /** A readable name for error messages, e.g. {@code "0x000a (last_resort)"}. */
    public static String describe(int type) {
        String name = switch (type) {
            case APPLICATION_ID -> "application_id";
            case RATCHET_TREE -> "ratchet_tree";
            case REQUIRED_CAPABILITIES -> "required_capabilities";
            case EXTERNAL_PUB -> "external_pub";
            case EXTERNAL_SENDERS -> "external_senders";
            case LAST_RESORT -> "last_resort";
            default -> null;
        };
        return name == null ? Codes.hex16(type) : Codes.hex16(type) + " (" + name + ")";
    }
}
