package io.socon.messaging.api;

/**
 * A message id: hex of the 32-byte hash XMTP computes over a message, the same on every member's device.
 *
 * @param value 64 lowercase hex digits
 */
public record MessageId(String value) {

    /** @throws InvalidValueException with {@link ErrorCode#INVALID_ID} unless {@code value} is 64 hex digits */
    public MessageId {
        value = Checks.lowercaseHex(value, 64, ErrorCode.INVALID_ID, "a message id");
    }

    /** Parses a message id; see the constructor for the rules. */
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
