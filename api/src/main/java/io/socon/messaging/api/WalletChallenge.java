package io.socon.messaging.api;

import java.time.Instant;

/**
 * Text that a host user's own wallet must sign (EIP-191 {@code personal_sign}) before an operation can finish,
 * for example registering a new installation. See {@link SignatureRequiredException}.
 *
 * @param id names the pending operation when the signature is submitted
 * @param address the wallet that must sign
 * @param text the exact text to sign; show it to the user unchanged
 * @param expiresAt after this instant the challenge is void and the operation must start again
 */
@Beta
public record WalletChallenge(Id id, EthereumAddress address, String text, Instant expiresAt) {

    /** Longest challenge text. */
    public static final int MAX_TEXT_LENGTH = 16 * 1024;

    /** @throws InvalidValueException if a component is null or the text is blank or too long */
    public WalletChallenge {
        Checks.notNull(id, "id");
        Checks.notNull(address, "address");
        Checks.text(text, MAX_TEXT_LENGTH, "challenge text");
        Checks.notNull(expiresAt, "expiresAt");
    }

    /**
     * The id of a pending challenge: an opaque token of 16 to 128 characters from {@code [A-Za-z0-9_-]}
     * (URL-safe, so it can travel in a REST path).
     *
     * @param value the token
     */
    public record Id(String value) {

        /** @throws InvalidValueException with {@link ErrorCode#INVALID_ID} if the token is malformed */
        public Id {
            if (value == null || value.length() < 16 || value.length() > 128
                    || !value.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                throw new InvalidValueException(ErrorCode.INVALID_ID,
                        "a challenge id is 16 to 128 characters of A-Z a-z 0-9 _ -, got '"
                                + (value == null ? "null" : Checks.abbreviate(value)) + "'");
            }
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
