package io.socon.messaging.spi.identity;

import io.socon.messaging.api.WalletChallenge;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** What a {@link Signer} did: signed now, or handed the text to the user's wallet. */
public sealed interface SigningResult {

    /**
     * The signature, available now.
     *
     * @param signature 65 bytes {@code r || s || v} (copied in and out); {@code v} may be 0/1 or 27/28
     */
    record Signed(byte[] signature) implements SigningResult {

        /** @throws IllegalArgumentException unless the signature is 65 bytes */
        public Signed {
            Objects.requireNonNull(signature, "signature");
            if (signature.length != 65) {
                throw new IllegalArgumentException("an EIP-191 signature is 65 bytes (r, s, v), got " + signature.length);
            }
            signature = signature.clone();
        }

        /** A copy of the signature. */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signed s && Arrays.equals(signature, s.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Signed[" + HexFormat.of().formatHex(signature) + "]";
        }
    }

    /**
     * The user's own wallet must sign; the operation continues when the host submits the signature.
     *
     * @param challenge what to show the wallet; its text is exactly the text given to {@link Signer#sign}
     */
    @io.socon.messaging.api.Beta
    record Pending(WalletChallenge challenge) implements SigningResult {

        /** @throws NullPointerException if the challenge is null */
        public Pending {
            Objects.requireNonNull(challenge, "challenge");
        }
    }
}
