package io.socon.messaging.impl.client.welcome;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.xmtp.XmtpMlsProfile;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperEncryption;
import java.util.Objects;
import java.util.Optional;

/**
 * The public key a welcome is wrapped to, and how.
 *
 * @param algorithm the wrapper algorithm
 * @param publicKey the recipient's public key for that algorithm (32 bytes for Curve25519, 1216 for X-Wing);
 *                  sent as {@code hpke_public_key}
 */
public record WrapperKey(WelcomeWrapAlgorithm algorithm, Bytes publicKey) {

    /** Checks for nulls. */
    public WrapperKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * The key libxmtp 1.10 wraps a welcome to for this key package ({@code Installation::from_verified_key_package}):
     * the key and algorithm of the WelcomeWrapperEncryption extension (0xFF03) when present, otherwise
     * Curve25519 to the init key. As in libxmtp, an extension algorithm other than 1, 2 or 3 means Curve25519
     * with the extension's key.
     *
     * @throws WelcomeWrapException {@code INVALID_RECIPIENT_KEY} if the extension is not a
     *         {@code WelcomeWrapperEncryption} protobuf or names the symmetric-key algorithm
     */
    public static WrapperKey of(KeyPackage recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Optional<Extension> extension = Extension.find(recipient.extensions(),
                XmtpMlsProfile.WELCOME_WRAPPER_ENCRYPTION_EXTENSION);
        if (extension.isEmpty()) {
            return new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, recipient.initKey());
        }
        WelcomeWrapperEncryption proto;
        try {
            proto = WelcomeWrapperEncryption.parseFrom(extension.get().data().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY,
                    "key package extension 0xFF03 is not a WelcomeWrapperEncryption: " + e.getMessage(), e);
        }
        WelcomeWrapAlgorithm algorithm = switch (proto.getAlgorithmValue()) {
            case 2 -> WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6;
            case WelcomeWrapAlgorithm.SYMMETRIC_KEY_WIRE_VALUE -> throw new WelcomeWrapException(
                    WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY,
                    "key package extension 0xFF03 names the symmetric-key algorithm");
            default -> WelcomeWrapAlgorithm.CURVE25519;
        };
        return new WrapperKey(algorithm, Bytes.copyOf(proto.getPubKey().toByteArray()));
    }
}
