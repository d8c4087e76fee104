package io.socon.messaging.api;

/**
 * An XMTP installation id: one app on one device, named by the hex of its 32-byte Ed25519 public key.
 *
 * @param value 64 lowercase hex digits
 */
public record InstallationId(String value) {

    /** @throws InvalidValueException with {@link ErrorCode#INVALID_ID} unless {@code value} is 64 hex digits */
    public InstallationId {
        value = Checks.lowercaseHex(value, 64, ErrorCode.INVALID_ID, "an installation id");
    }

    /** Parses an installation id; see the constructor for the rules. */
    public static InstallationId of(String value) {
        return new InstallationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
