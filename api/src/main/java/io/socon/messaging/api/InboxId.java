package io.socon.messaging.api;

/**
 * An XMTP inbox id: 64 lowercase hex digits (SHA-256 of the creating address and a nonce). An inbox is a
 * person's identity on XMTP; it has one or more wallet addresses and one or more installations.
 *
 * @param value 64 lowercase hex digits, no {@code 0x}
 */
public record InboxId(String value) implements Peer {

    /**
     * @throws InvalidValueException with {@link ErrorCode#INVALID_INBOX_ID} unless {@code value} is 64 hex digits;
     *     upper case is accepted and lowercased
     */
    public InboxId {
        value = Checks.lowercaseHex(value, 64, ErrorCode.INVALID_INBOX_ID, "an inbox id");
    }

    /** Parses an inbox id; see the constructor for the rules. */
    public static InboxId of(String value) {
        return new InboxId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
