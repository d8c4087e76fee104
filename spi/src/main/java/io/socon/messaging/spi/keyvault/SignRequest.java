package io.socon.messaging.spi.keyvault;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What to sign: a scheme, the data and (for {@link SignatureScheme#ED25519PH}) a context. Checked when built,
 * so a vault receives only well-formed requests.
 *
 * @param scheme the signature scheme
 * @param data the message (Ed25519, Ed25519ph) or the 32-byte digest (secp256k1); copied in and out
 * @param context the Ed25519ph context, 0 to 255 bytes; empty for other schemes
 */
public record SignRequest(SignatureScheme scheme, byte[] data, byte[] context) {

    /** @throws IllegalArgumentException if the data or context does not fit the scheme */
    public SignRequest {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(context, "context");
        if (scheme == SignatureScheme.ECDSA_SECP256K1_RECOVERABLE && data.length != 32) {
            throw new IllegalArgumentException("a secp256k1 signature is over a 32-byte digest (Keccak-256 for"
                    + " EIP-191), got " + data.length + " bytes; hash the message first");
        }
        if (scheme != SignatureScheme.ED25519PH && context.length != 0) {
            throw new IllegalArgumentException("only Ed25519ph takes a context; " + scheme + " got one of "
                    + context.length + " bytes");
        }
        if (context.length > 255) {
            throw new IllegalArgumentException("an Ed25519ph context is at most 255 bytes, got " + context.length);
        }
        data = data.clone();
        context = context.clone();
    }

    /** Pure Ed25519 over {@code message}. */
    public static SignRequest ed25519(byte[] message) {
        return new SignRequest(SignatureScheme.ED25519, message, new byte[0]);
    }

    /** Ed25519ph over {@code message} with a context. */
    public static SignRequest ed25519ph(byte[] message, byte[] context) {
        return new SignRequest(SignatureScheme.ED25519PH, message, context);
    }

    /** secp256k1 ECDSA over a 32-byte digest. */
    public static SignRequest secp256k1(byte[] digest) {
        return new SignRequest(SignatureScheme.ECDSA_SECP256K1_RECOVERABLE, digest, new byte[0]);
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** A copy of the context. */
    @Override
    public byte[] context() {
        return context.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignRequest r && scheme == r.scheme && Arrays.equals(data, r.data)
                && Arrays.equals(context, r.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, Arrays.hashCode(data), Arrays.hashCode(context));
    }

    @Override
    public String toString() {
        return "SignRequest[" + scheme + ", " + data.length + " bytes, context=" + HexFormat.of().formatHex(context) + "]";
    }
}
