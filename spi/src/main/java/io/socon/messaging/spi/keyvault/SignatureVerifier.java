package io.socon.messaging.spi.keyvault;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks signatures made by a {@link KeyVault} against the public key it reported, with the JDK only. For
 * tests (the conformance kit uses it) and for code that wants to check a vault's output before publishing it.
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * Whether {@code signature} is what the vault should produce for {@code request} under {@code publicKey}.
     * For {@link SignatureScheme#ECDSA_SECP256K1_RECOVERABLE} this is strict: 65 bytes, {@code s} in the lower
     * half of the order and {@code v} (27 or 28) recovering exactly this public key.
     *
     * @param publicKey in the format of the scheme's {@link KeyKind}
     */
    public static boolean verify(byte[] publicKey, SignRequest request, byte[] signature) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(signature, "signature");
        return switch (request.scheme()) {
            case ED25519, ED25519PH -> verifyEd25519(publicKey, request, signature);
            case ECDSA_SECP256K1_RECOVERABLE -> {
                if (signature.length != 65 || (signature[64] != 27 && signature[64] != 28)) {
                    yield false;
                }
                java.math.BigInteger s = new java.math.BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
                if (s.compareTo(Secp256k1.N.shiftRight(1)) > 0) {
                    yield false;
                }
                byte[] recovered = Secp256k1.recover(request.data(), signature);
                yield recovered != null && Arrays.equals(recovered, publicKey)
                        && Secp256k1.verify(publicKey, request.data(), signature);
            }
        };
    }

    /**
     * The secp256k1 public key ({@code 04 || x || y}) that made a 65-byte recoverable signature over a 32-byte
     * digest; {@code v} may be 0, 1, 27 or 28. Empty if the signature is malformed.
     */
    public static Optional<byte[]> recoverSecp256k1(byte[] digest, byte[] signature) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(signature, "signature");
        if (digest.length != 32) {
            throw new IllegalArgumentException("the digest is 32 bytes, got " + digest.length);
        }
        return Optional.ofNullable(Secp256k1.recover(digest, signature));
    }

    private static boolean verifyEd25519(byte[] publicKey, SignRequest request, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(JdkKeys.publicKey(KeyKind.ED25519, publicKey));
            if (request.scheme() == SignatureScheme.ED25519PH) {
                verifier.setParameter(new EdDSAParameterSpec(true, request.context()));
            }
            verifier.update(request.data());
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException notValid) {
            return false;
        }
    }
}
