package io.socon.messaging.impl.client.welcome;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.MlsCryptoException;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMetadata;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * XMTP's outer encryption of welcomes, as libxmtp 1.10 does it ({@code groups/mls_ext/welcome_wrapper.rs}).
 *
 * <p>One HPKE base-mode context (HKDF-SHA256, ChaCha20-Poly1305, empty AAD) with
 * {@code info = EncryptContext{label "MLS 1.0 MLS_WELCOME", context ""}} seals first the TLS MLSMessage(Welcome),
 * then the protobuf {@code WelcomeMetadata{message_cursor}} with the next sequence number. {@code data} is the
 * TLS {@code HpkeCiphertext} of the first; {@code welcome_metadata} is the second ciphertext alone. The KEM is
 * DHKEM(X25519) to the key package's init key, or X-Wing (draft 06) when the key package advertises an X-Wing
 * key in extension 0xFF03 (see {@link WrapperKey#of}). For X-Wing the key schedule's suite id carries KEM id
 * 0x004D, as libxmtp's does, not X-Wing's 0x647A of draft-ietf-hpke-pq: see {@link WrapperHpke#KEM_XWING}.
 *
 * <p>With an empty metadata ciphertext, {@code data} is exactly what OpenMLS's one-shot
 * {@code encrypt_with_label(key, "MLS_WELCOME", "", welcome)} produces, which older libxmtp versions sent.
 *
 * <p>Welcome pointers (a symmetric-key pointee shared by several recipients) are not supported: we never
 * advertise extension 0xFF04, so libxmtp does not send them to us, and we do not send them.
 *
 * <p>Stateless and thread-safe.
 */
public final class WelcomeWrapper {

    /** The HPKE label libxmtp uses for welcomes ({@code WELCOME_HPKE_LABEL}), before the "MLS 1.0 " prefix. */
    public static final String WELCOME_LABEL = "MLS_WELCOME";

    private static final byte[] INFO = Hpke.encryptContext(WELCOME_LABEL, new byte[0]);
    private static final byte[] NO_AAD = new byte[0];

    private WelcomeWrapper() {
    }

    /**
     * Wraps a welcome for the installation of {@code recipient}, choosing key and algorithm as libxmtp does.
     *
     * @param recipient         the recipient's (validated) key package
     * @param welcomeMlsMessage the TLS-encoded MLSMessage(Welcome)
     * @param messageCursor     the node id of the commit that adds the recipient (0 if unknown)
     * @param random            the source of the KEM's randomness
     * @throws WelcomeWrapException {@code INVALID_RECIPIENT_KEY} if the key package's wrapping key is unusable
     */
    public static WrappedWelcome wrap(KeyPackage recipient, byte[] welcomeMlsMessage, long messageCursor,
                                      SecureRandom random) {
        return wrap(WrapperKey.of(recipient), recipient.leafNode().signatureKey(), welcomeMlsMessage,
                messageCursor, random);
    }

    /**
     * Wraps a welcome to an explicit key.
     *
     * @param key               the algorithm and public key to wrap to
     * @param installationKey   the recipient's installation key, copied into the result
     * @param welcomeMlsMessage the TLS-encoded MLSMessage(Welcome)
     * @param messageCursor     the node id of the commit that adds the recipient (0 if unknown)
     * @param random            the source of the KEM's randomness
     * @throws WelcomeWrapException {@code INVALID_RECIPIENT_KEY} if the public key is unusable
     */
    public static WrappedWelcome wrap(WrapperKey key, Bytes installationKey, byte[] welcomeMlsMessage,
                                      long messageCursor, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(installationKey, "installationKey");
        Objects.requireNonNull(welcomeMlsMessage, "welcomeMlsMessage");
        Objects.requireNonNull(random, "random");
        WrapperHpke.Kem kem = WrapperHpke.kem(key.algorithm());
        if (key.publicKey().length() != kem.publicKeyLength()) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY, key.algorithm()
                    + " needs a " + kem.publicKeyLength() + "-byte public key, not " + key.publicKey().length());
        }
        byte[] metadata = WelcomeMetadata.newBuilder().setMessageCursor(messageCursor).build().toByteArray();

        WrapperHpke.Encapsulation encapsulation = kem.encapsulate(key.publicKey().toByteArray(), random);
        WrapperHpke.Context context = WrapperHpke.Context.keySchedule(key.algorithm().hpkeKemId(),
                encapsulation.sharedSecret(), INFO);
        Arrays.fill(encapsulation.sharedSecret(), (byte) 0);
        byte[] sealedWelcome = context.seal(NO_AAD, welcomeMlsMessage);
        byte[] sealedMetadata = context.seal(NO_AAD, metadata);

        HpkeCiphertext data = new HpkeCiphertext(Bytes.copyOf(encapsulation.enc()), Bytes.copyOf(sealedWelcome));
        return new WrappedWelcome(installationKey, Bytes.copyOf(data.toBytes()), key.publicKey(), key.algorithm(),
                Bytes.copyOf(sealedMetadata));
    }

    /**
     * Unwraps a received {@code WelcomeMessage}.
     *
     * @throws WelcomeWrapException {@code SYMMETRIC_KEY_UNSUPPORTED} for a welcome pointer, otherwise as
     *         {@link #unwrap(Bytes, int, byte[], byte[], PrivateKeyLookup)}
     */
    public static UnwrappedWelcome unwrap(WelcomeMessage welcome, PrivateKeyLookup keys) {
        Objects.requireNonNull(welcome, "welcome");
        if (!welcome.hasV1()) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.SYMMETRIC_KEY_UNSUPPORTED,
                    "welcome " + (welcome.hasWelcomePointer() ? "pointers are" : "versions other than v1 are")
                            + " not supported");
        }
        WelcomeMessage.V1 v1 = welcome.getV1();
        return unwrap(Bytes.copyOf(v1.getHpkePublicKey().toByteArray()), v1.getWrapperAlgorithmValue(),
                v1.getData().toByteArray(), v1.getWelcomeMetadata().toByteArray(), keys);
    }

    /**
     * Unwraps a welcome.
     *
     * @param hpkePublicKey    the welcome's {@code hpke_public_key}: the key it was wrapped to
     * @param wrapperAlgorithm the welcome's {@code wrapper_algorithm} enum number
     * @param data             the welcome's {@code data}
     * @param welcomeMetadata  the welcome's {@code welcome_metadata}; may be empty (older senders)
     * @param keys             finds the private key for {@code hpkePublicKey}
     * @throws WelcomeWrapException {@code UNKNOWN_ALGORITHM} or {@code SYMMETRIC_KEY_UNSUPPORTED} for the
     *         algorithm, {@code NO_PRIVATE_KEY} if {@code keys} has no key, {@code WRONG_KEY} if the key it gives
     *         does not match {@code hpkePublicKey}, {@code MALFORMED} if {@code data} is not a well-formed
     *         {@code HpkeCiphertext}, {@code DECRYPTION_FAILED} if the welcome or its metadata does not
     *         authenticate
     */
    public static UnwrappedWelcome unwrap(Bytes hpkePublicKey, int wrapperAlgorithm, byte[] data,
                                          byte[] welcomeMetadata, PrivateKeyLookup keys) {
        Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(welcomeMetadata, "welcomeMetadata");
        Objects.requireNonNull(keys, "keys");
        WelcomeWrapAlgorithm algorithm = WelcomeWrapAlgorithm.fromWireValue(wrapperAlgorithm);
        WrapperHpke.Kem kem = WrapperHpke.kem(algorithm);

        HpkeCiphertext ciphertext;
        try {
            ciphertext = TlsReader.decodeExactly(data, "HPKECiphertext", HpkeCiphertext::readFrom);
        } catch (MlsDecodeException e) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.MALFORMED,
                    "welcome data is not a TLS HpkeCiphertext: " + e.getMessage(), e);
        }
        if (ciphertext.kemOutput().length() != kem.encLength()) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.MALFORMED, algorithm + " KEM output has "
                    + kem.encLength() + " bytes, not " + ciphertext.kemOutput().length());
        }

        Optional<byte[]> found = keys.privateKey(algorithm, hpkePublicKey);
        if (found.isEmpty()) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.NO_PRIVATE_KEY,
                    "no " + algorithm + " private key for hpke_public_key " + abbreviate(hpkePublicKey));
        }
        byte[] privateKey = found.get();
        byte[] sharedSecret;
        try {
            checkKeyMatches(kem, algorithm, privateKey, hpkePublicKey);
            sharedSecret = kem.decapsulate(ciphertext.kemOutput().toByteArray(), privateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        try {
            return open(algorithm, sharedSecret, ciphertext.ciphertext().toByteArray(), welcomeMetadata);
        } finally {
            Arrays.fill(sharedSecret, (byte) 0);
        }
    }

    private static UnwrappedWelcome open(WelcomeWrapAlgorithm algorithm, byte[] sharedSecret, byte[] sealedWelcome,
                                         byte[] sealedMetadata) {
        WrapperHpke.Context context = WrapperHpke.Context.keySchedule(algorithm.hpkeKemId(), sharedSecret, INFO);
        byte[] welcome;
        try {
            welcome = context.open(NO_AAD, sealedWelcome);
        } catch (MlsCryptoException e) {
            if (algorithm != WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6) {
                throw decryptionFailed("welcome", e);
            }
            // libxmtp seals under 0x004D, but its development builds on hpke-rs 0.6 used 0x647A
            context = WrapperHpke.Context.keySchedule(WrapperHpke.KEM_XWING_HPKE_PQ, sharedSecret, INFO);
            try {
                welcome = context.open(NO_AAD, sealedWelcome);
            } catch (MlsCryptoException again) {
                throw decryptionFailed("welcome", e);
            }
        }
        if (sealedMetadata.length == 0) {
            return new UnwrappedWelcome(Bytes.copyOf(welcome), 0);
        }
        byte[] metadata;
        try {
            metadata = context.open(NO_AAD, sealedMetadata);
        } catch (MlsCryptoException e) {
            throw decryptionFailed("welcome metadata", e);
        }
        long cursor;
        try {
            cursor = WelcomeMetadata.parseFrom(metadata).getMessageCursor();
        } catch (InvalidProtocolBufferException e) {
            // libxmtp ignores metadata that does not decode and joins without it
            cursor = 0;
        }
        return new UnwrappedWelcome(Bytes.copyOf(welcome), cursor);
    }

    private static void checkKeyMatches(WrapperHpke.Kem kem, WelcomeWrapAlgorithm algorithm, byte[] privateKey,
                                        Bytes hpkePublicKey) {
        if (privateKey.length != 32) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.WRONG_KEY,
                    algorithm + " private key must have 32 bytes, not " + privateKey.length);
        }
        if (!hpkePublicKey.contentEquals(kem.publicKeyOf(privateKey))) {
            throw new WelcomeWrapException(WelcomeWrapException.Reason.WRONG_KEY,
                    "the " + algorithm + " private key given does not belong to hpke_public_key "
                            + abbreviate(hpkePublicKey));
        }
    }

    private static WelcomeWrapException decryptionFailed(String what, MlsCryptoException cause) {
        return new WelcomeWrapException(WelcomeWrapException.Reason.DECRYPTION_FAILED,
                what + " did not authenticate: altered, or sealed to another key", cause);
    }

    private static String abbreviate(Bytes key) {
        String hex = key.toHex();
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "...";
    }
}
