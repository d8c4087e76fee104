package io.socon.messaging.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An Ethereum account address, the kind of identity XMTP inboxes are created from.
 *
 * <p>Input may be all lowercase, all uppercase, or mixed case with a correct
 * <a href="https://eips.ethereum.org/EIPS/eip-55">EIP-55</a> checksum; a mixed-case address whose checksum
 * fails is refused, because it is almost always a typo. The value is kept in XMTP's spelling: {@code 0x} and 40
 * lowercase hex digits, so that equal addresses are equal records. {@link #checksummed()} gives the EIP-55 form
 * for display.
 *
 * @param value {@code 0x} and 40 lowercase hex digits
 */
public record EthereumAddress(String value) implements Peer {

    /**
     * @throws InvalidValueException with {@link ErrorCode#INVALID_ADDRESS} if the text is not an address or its
     *     mixed-case checksum is wrong
     */
    public EthereumAddress {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ADDRESS, "an Ethereum address is missing");
        }
        String trimmed = value.strip();
        if (trimmed.length() != 42 || !(trimmed.startsWith("0x") || trimmed.startsWith("0X"))
                || !Checks.isHex(trimmed.substring(2))) {
            throw new InvalidValueException(ErrorCode.INVALID_ADDRESS,
                    "an Ethereum address is 0x followed by 40 hex digits, got '" + Checks.abbreviate(value) + "'");
        }
        String digits = trimmed.substring(2);
        String lower = digits.toLowerCase(Locale.ROOT);
        boolean mixedCase = !digits.equals(lower) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixedCase && !checksum(lower).equals(digits)) {
            throw new InvalidValueException(ErrorCode.INVALID_ADDRESS, "the EIP-55 checksum of " + trimmed
                    + " is wrong (expected 0x" + checksum(lower) + "); check the address for a typo, "
                    + "or pass it all in lowercase to skip the checksum");
        }
        value = "0x" + lower;
    }

    /** Parses an address; see the constructor for the rules. */
    public static EthereumAddress of(String value) {
        return new EthereumAddress(value);
    }

    /** The EIP-55 mixed-case spelling, for display. */
    public String checksummed() {
        return "0x" + checksum(value.substring(2));
    }

    @Override
    public String toString() {
        return value;
    }

    private static String checksum(String lowerHex) {
        byte[] hash = Keccak256.hash(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            char c = lowerHex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
