package io.socon.messaging.impl.crypto;

import java.util.HexFormat;
import java.util.Objects;

/**
 * Lowercase hexadecimal, the spelling XMTP uses for inbox ids, installation ids and addresses.
 *
 * <p>Decoding is strict: an even number of hex digits (either case) and nothing else; a {@code 0x} prefix is
 * only accepted by the methods that say so.
 */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** Encodes bytes as lowercase hex without a prefix ({@code [1, 171]} gives {@code "01ab"}). */
    public static String encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return LOWER.formatHex(bytes);
    }

    /** Encodes bytes as lowercase hex with a {@code 0x} prefix. */
    public static String encode0x(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes hex digits without a prefix.
     *
     * @throws IllegalArgumentException if the text has an odd length or a character that is not a hex digit
     */
    public static byte[] decode(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(
                    "hex text must have an even number of digits, got " + hex.length() + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!isAsciiHexDigit(hex.charAt(i))) {
                throw new IllegalArgumentException(
                        "hex text has a non-hex character '" + hex.charAt(i) + "' at index " + i);
            }
        }
        return LOWER.parseHex(hex);
    }

    /** Whether the character is one of {@code 0-9 a-f A-F} (no other Unicode digits). */
    public static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Decodes hex digits that may start with {@code 0x}. */
    public static byte[] decodeOptional0x(String hex) {
        Objects.requireNonNull(hex, "hex");
        return decode(hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex);
    }
}
