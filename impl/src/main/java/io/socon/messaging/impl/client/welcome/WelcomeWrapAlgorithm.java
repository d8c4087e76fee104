package io.socon.messaging.impl.client.welcome;

/**
 * How a welcome is wrapped for its recipient: the {@code WelcomeWrapperAlgorithm} values of
 * {@code mls/message_contents/wrapper_encryption.proto} that we can seal and open. Both use HPKE in base mode
 * with HKDF-SHA256 and ChaCha20-Poly1305; they differ in the KEM.
 */
public enum WelcomeWrapAlgorithm {

    /** DHKEM(X25519, HKDF-SHA256) to the recipient key package's init key (or to the extension's key). */
    CURVE25519(1, WrapperHpke.KEM_X25519),

    /**
     * X-Wing (ML-KEM-768 + X25519, draft-connolly-cfrg-xwing-kem-06) to the key in the recipient key package's
     * WelcomeWrapperEncryption extension (0xFF03). Sealed with KEM id 0x004D in the HPKE suite id, as libxmtp
     * does (see {@link WrapperHpke#KEM_XWING}).
     */
    XWING_MLKEM_768_DRAFT_6(2, WrapperHpke.KEM_XWING);

    /** The wire value of {@code WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY}, used only by welcome pointees. */
    static final int SYMMETRIC_KEY_WIRE_VALUE = 3;

    private final int wireValue;
    private final int hpkeKemId;

    WelcomeWrapAlgorithm(int wireValue, int hpkeKemId) {
        this.wireValue = wireValue;
        this.hpkeKemId = hpkeKemId;
    }

    /** The {@code WelcomeWrapperAlgorithm} enum number sent in {@code wrapper_algorithm}. */
    public int wireValue() {
        return wireValue;
    }

    /** The HPKE KEM identifier that goes into the key schedule's suite id when we seal. */
    int hpkeKemId() {
        return hpkeKemId;
    }

    /**
     * The algorithm a received {@code wrapper_algorithm} names. As in libxmtp, 0 (unspecified, sent by clients
     * older than the field) means Curve25519.
     *
     * @throws WelcomeWrapException {@link WelcomeWrapException.Reason#SYMMETRIC_KEY_UNSUPPORTED} for 3 (a welcome
     *         pointee) and {@link WelcomeWrapException.Reason#UNKNOWN_ALGORITHM} for any other unknown value
     */
    public static WelcomeWrapAlgorithm fromWireValue(int value) {
        return switch (value) {
            case 0, 1 -> CURVE25519;
            case 2 -> XWING_MLKEM_768_DRAFT_6;
            case SYMMETRIC_KEY_WIRE_VALUE -> throw new WelcomeWrapException(
                    WelcomeWrapException.Reason.SYMMETRIC_KEY_UNSUPPORTED,
                    "wrapper_algorithm 3 (SYMMETRIC_KEY) marks a welcome pointee; welcome pointers are not supported");
            default -> throw new WelcomeWrapException(WelcomeWrapException.Reason.UNKNOWN_ALGORITHM,
                    "unknown wrapper_algorithm " + value);
        };
    }
}
