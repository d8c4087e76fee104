package io.socon.messaging.api;

import java.util.Locale;

/**
 * A conversation id: hex of the MLS group id, the same for every member. XMTP creates 16-byte group ids;
 * ids of 1 to 64 bytes are accepted so that groups created by other clients can be named.
 *
 * @param value 2 to 128 lowercase hex digits, an even number
 */
public record ConversationId(String value) {

    /** Most hex digits accepted (64 bytes). */
    public static final int MAX_HEX_DIGITS = 128;

    /**
     * @throws InvalidValueException with {@link ErrorCode#INVALID_ID} unless {@code value} is an even number
     *     (2 to 128) of hex digits; upper case is accepted and lowercased
     */
    public ConversationId {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ID, "a conversation id is missing");
        }
        if (value.isEmpty() || value.length() > MAX_HEX_DIGITS || value.length() % 2 != 0 || !Checks.isHex(value)) {
            throw new InvalidValueException(ErrorCode.INVALID_ID,
                    "a conversation id must be an even number (2 to 128) of hex digits without 0x, got '"
                            + Checks.abbreviate(value) + "'");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** Parses a conversation id; see the constructor for the rules. */
    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
