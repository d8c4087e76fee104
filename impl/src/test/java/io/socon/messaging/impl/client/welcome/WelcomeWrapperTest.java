package io.socon.messaging.impl.client.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.xmtp.XmtpKeyPackageBuilder;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMetadata;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperEncryption;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WelcomeWrapperTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INBOX_ID = "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";

    /** Stands in for a TLS MLSMessage(Welcome); the wrapper treats it as opaque bytes. */
    private final byte[] welcome = ("mls10 welcome " + "x".repeat(900)).getBytes(StandardCharsets.US_ASCII);

    private final Ed25519KeyPair installationKey = Ed25519KeyPair.generate(RANDOM);
    private final X25519KeyPair initKey = X25519KeyPair.generate(RANDOM);
    private final X25519KeyPair encryptionKey = X25519KeyPair.generate(RANDOM);
    private final XWingKeyPair xWingKey = XWingKeyPair.generate(RANDOM);

    private final KeyPackage classicKeyPackage = keyPackage(false);
    private final KeyPackage xWingKeyPackage = keyPackage(true);

    /** The recipient's key store: its init key and, when advertised, its X-Wing seed. */
    private final PrivateKeyLookup recipientKeys = (algorithm, publicKey) -> switch (algorithm) {
        case CURVE25519 -> publicKey.equals(initKey.publicKey()) ? Optional.of(initKey.privateKey()) : Optional.empty();
        case XWING_MLKEM_768_DRAFT_6 ->
                publicKey.equals(xWingKey.publicKey()) ? Optional.of(xWingKey.seed()) : Optional.empty();
    };

    @Test
    void infoIsTheEncryptContextOfMlsWelcome() {
        byte[] expected = HexFormat.of().parseHex(
                "13" + HexFormat.of().formatHex("MLS 1.0 MLS_WELCOME".getBytes(StandardCharsets.US_ASCII)) + "00");
        assertThat(Hpke.encryptContext(WelcomeWrapper.WELCOME_LABEL, new byte[0])).isEqualTo(expected);
    }

    @Test
    void roundTripCurve25519ToTheInitKey() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 1234, RANDOM);

        assertThat(wrapped.algorithm()).isEqualTo(WelcomeWrapAlgorithm.CURVE25519);
        assertThat(wrapped.hpkePublicKey()).isEqualTo(initKey.publicKey());
        assertThat(wrapped.installationKey()).isEqualTo(installationKey.publicKey());
        HpkeCiphertext data = HpkeCiphertext.readFrom(
                TlsReader.over(wrapped.data().toByteArray()));
        assertThat(data.kemOutput().length()).isEqualTo(32);
        assertThat(data.ciphertext().length()).isEqualTo(welcome.length + 16);

        UnwrappedWelcome unwrapped = unwrap(wrapped, recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
        assertThat(unwrapped.messageCursor()).isEqualTo(1234);
    }

    @Test
    void roundTripXWingWhenTheKeyPackageAdvertisesIt() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(xWingKeyPackage, welcome, 77, RANDOM);

        assertThat(wrapped.algorithm()).isEqualTo(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6);
        assertThat(wrapped.hpkePublicKey()).isEqualTo(xWingKey.publicKey());
        HpkeCiphertext data = HpkeCiphertext.readFrom(
                TlsReader.over(wrapped.data().toByteArray()));
        assertThat(data.kemOutput().length()).isEqualTo(XWingKeyPair.CIPHERTEXT_SIZE);

        UnwrappedWelcome unwrapped = unwrap(wrapped, recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
        assertThat(unwrapped.messageCursor()).isEqualTo(77);
    }

    @Test
    void curve25519WelcomeToAnXWingKeyPackageStillOpensWithTheInitKey() {
        // what libxmtp accepts: it files the key package under both public keys
        WrappedWelcome wrapped = WelcomeWrapper.wrap(
                new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, xWingKeyPackage.initKey()),
                installationKey.publicKey(), welcome, 5, RANDOM);

        assertThat(unwrap(wrapped, recipientKeys).welcomeMessage().toByteArray()).isEqualTo(welcome);
    }

    @Test
    void messageCursorRoundTripsOverTheWholeUint64Range() {
        for (long cursor : new long[] {0, 1, 300, Long.MAX_VALUE, -1L}) {
            WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, cursor, RANDOM);
            assertThat(unwrap(wrapped, recipientKeys).messageCursor()).as("cursor %s", cursor).isEqualTo(cursor);
        }
    }

    @Test
    void cursorZeroStillSealsAnEmptyMetadataMessage() {
        // as libxmtp: WelcomeMetadata{0} encodes to nothing, and the second seal is then just the tag
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 0, RANDOM);

        assertThat(wrapped.welcomeMetadata().length()).isEqualTo(16);
    }

    @Test
    void welcomeWithoutMetadataHasCursorZero() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 99, RANDOM);

        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), 1,
                wrapped.data().toByteArray(), new byte[0], recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
        assertThat(unwrapped.messageCursor()).isZero();
    }

    @Test
    void opensWhatOpenMlsOneShotEncryptWithLabelProduces() {
        // older libxmtp: encrypt_with_label(init_key, "MLS_WELCOME", "", welcome), no metadata
        HpkeCiphertext oneShot = Hpke.encryptWithLabel(initKey.publicKey(), "MLS_WELCOME", new byte[0], welcome,
                RANDOM);

        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(initKey.publicKey(), 1, oneShot.toBytes(), new byte[0],
                recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
    }

    @Test
    void firstCiphertextOpensWithOneShotDecryptWithLabel() {
        // cross-checks our key schedule against Bouncy Castle's HPKE
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 8, RANDOM);
        HpkeCiphertext data = HpkeCiphertext.readFrom(
                TlsReader.over(wrapped.data().toByteArray()));

        assertThat(Hpke.decryptWithLabel(initKey, "MLS_WELCOME", new byte[0], data)).isEqualTo(welcome);
    }

    @Test
    void wrapperAlgorithmZeroMeansCurve25519() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 3, RANDOM);

        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), 0, wrapped.data().toByteArray(),
                wrapped.welcomeMetadata().toByteArray(), recipientKeys);

        assertThat(unwrapped.messageCursor()).isEqualTo(3);
    }

    @Test
    void detectsTamperingWithEitherCiphertextOrTheKemOutput() {
        for (KeyPackage recipient : List.of(classicKeyPackage, xWingKeyPackage)) {
            WrappedWelcome wrapped = WelcomeWrapper.wrap(recipient, welcome, 42, RANDOM);
            byte[] data = wrapped.data().toByteArray();
            int kemOutputStart = data[0] == 0x20 ? 1 : 2; // varint length prefix: 1 byte for 32, 2 for 1120

            for (int position : new int[] {kemOutputStart + 3, data.length - 1, data.length - 30}) {
                byte[] altered = data.clone();
                altered[position] ^= 0x01;
                assertFailure(() -> WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), wrapped.algorithm().wireValue(),
                        altered, wrapped.welcomeMetadata().toByteArray(), recipientKeys),
                        WelcomeWrapException.Reason.DECRYPTION_FAILED);
            }

            byte[] metadata = wrapped.welcomeMetadata().toByteArray();
            metadata[0] ^= 0x01;
            assertFailure(() -> WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), wrapped.algorithm().wireValue(),
                    data, metadata, recipientKeys), WelcomeWrapException.Reason.DECRYPTION_FAILED);
        }
    }

    @Test
    void metadataFromAnotherWrappingDoesNotOpen() {
        WrappedWelcome first = WelcomeWrapper.wrap(classicKeyPackage, welcome, 1, RANDOM);
        WrappedWelcome second = WelcomeWrapper.wrap(classicKeyPackage, welcome, 2, RANDOM);

        assertFailure(() -> WelcomeWrapper.unwrap(first.hpkePublicKey(), 1, first.data().toByteArray(),
                second.welcomeMetadata().toByteArray(), recipientKeys), WelcomeWrapException.Reason.DECRYPTION_FAILED);
    }

    @Test
    void malformedDataIsRefusedBeforeAnyKeyIsLookedUp() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 1, RANDOM);
        byte[] data = wrapped.data().toByteArray();
        PrivateKeyLookup noLookups = (algorithm, key) -> {
            throw new AssertionError("looked up a key for malformed data");
        };
        byte[] truncated = Arrays.copyOf(data, data.length - 1);
        byte[] trailing = Arrays.copyOf(data, data.length + 1);

        assertFailure(() -> WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), 1, truncated, new byte[0], noLookups),
                WelcomeWrapException.Reason.MALFORMED);
        assertFailure(() -> WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), 1, trailing, new byte[0], noLookups),
                WelcomeWrapException.Reason.MALFORMED);
        // a 32-byte KEM output under the X-Wing algorithm
        assertFailure(() -> WelcomeWrapper.unwrap(xWingKey.publicKey(), 2, data, new byte[0], noLookups),
                WelcomeWrapException.Reason.MALFORMED);
    }

    @Test
    void missingOrMismatchedPrivateKeysAreNamed() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 1, RANDOM);
        X25519KeyPair other = X25519KeyPair.generate(RANDOM);

        assertFailure(() -> unwrap(wrapped, (algorithm, key) -> Optional.empty()),
                WelcomeWrapException.Reason.NO_PRIVATE_KEY);
        assertFailure(() -> unwrap(wrapped, (algorithm, key) -> Optional.of(other.privateKey())),
                WelcomeWrapException.Reason.WRONG_KEY);
        assertFailure(() -> unwrap(wrapped, (algorithm, key) -> Optional.of(new byte[31])),
                WelcomeWrapException.Reason.WRONG_KEY);
    }

    @Test
    void welcomeSealedToAnotherKeyDoesNotOpen() {
        // hpke_public_key claims our init key, but the welcome was sealed to someone else's
        X25519KeyPair other = X25519KeyPair.generate(RANDOM);
        WrappedWelcome wrapped = WelcomeWrapper.wrap(new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, other.publicKey()),
                installationKey.publicKey(), welcome, 1, RANDOM);

        assertFailure(() -> WelcomeWrapper.unwrap(initKey.publicKey(), 1, wrapped.data().toByteArray(),
                wrapped.welcomeMetadata().toByteArray(), recipientKeys), WelcomeWrapException.Reason.DECRYPTION_FAILED);
    }

    @Test
    void lookupGetsTheAlgorithmAndKeyAndItsArrayIsWiped() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(xWingKeyPackage, welcome, 1, RANDOM);
        List<Object> asked = new ArrayList<>();
        byte[] handedOut = xWingKey.seed();

        unwrap(wrapped, (algorithm, key) -> {
            asked.add(algorithm);
            asked.add(key);
            return Optional.of(handedOut);
        });

        assertThat(asked).containsExactly(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6, xWingKey.publicKey());
        assertThat(handedOut).containsOnly(0);
    }

    @Test
    void unknownAndSymmetricAlgorithmsAndPointersAreRefused() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(classicKeyPackage, welcome, 1, RANDOM);
        byte[] data = wrapped.data().toByteArray();

        assertFailure(() -> WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), 7, data, new byte[0], recipientKeys),
                WelcomeWrapException.Reason.UNKNOWN_ALGORITHM);
        assertFailure(() -> WelcomeWrapper.unwrap(Bytes.EMPTY, 3, data, new byte[0], recipientKeys),
                WelcomeWrapException.Reason.SYMMETRIC_KEY_UNSUPPORTED);
        WelcomeMessage pointer = WelcomeMessage.newBuilder()
                .setWelcomePointer(WelcomeMessage.WelcomePointer.newBuilder()
                        .setWelcomePointer(ByteString.copyFrom(data))
                        .setHpkePublicKey(ByteString.copyFrom(xWingKey.publicKey().toByteArray()))
                        .setWrapperAlgorithmValue(2))
                .build();
        assertFailure(() -> WelcomeWrapper.unwrap(pointer, recipientKeys),
                WelcomeWrapException.Reason.SYMMETRIC_KEY_UNSUPPORTED);
    }

    @Test
    void receivedProtoUnwraps() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(xWingKeyPackage, welcome, 555, RANDOM);
        WelcomeMessageInput.V1 sent = wrapped.toProto().getV1();
        WelcomeMessage received = WelcomeMessage.newBuilder()
                .setV1(WelcomeMessage.V1.newBuilder()
                        .setId(555)
                        .setInstallationKey(sent.getInstallationKey())
                        .setData(sent.getData())
                        .setHpkePublicKey(sent.getHpkePublicKey())
                        .setWrapperAlgorithm(sent.getWrapperAlgorithm())
                        .setWelcomeMetadata(sent.getWelcomeMetadata()))
                .build();

        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(received, recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
        assertThat(unwrapped.messageCursor()).isEqualTo(555);
    }

    @Test
    void toProtoFillsWelcomeMessageInputV1() {
        WrappedWelcome wrapped = WelcomeWrapper.wrap(xWingKeyPackage, welcome, 9, RANDOM);

        WelcomeMessageInput.V1 v1 = wrapped.toProto().getV1();

        assertThat(v1.getInstallationKey().toByteArray()).isEqualTo(installationKey.publicKey().toByteArray());
        assertThat(v1.getData().toByteArray()).isEqualTo(wrapped.data().toByteArray());
        assertThat(v1.getHpkePublicKey().toByteArray()).isEqualTo(xWingKey.publicKey().toByteArray());
        assertThat(v1.getWrapperAlgorithm())
                .isEqualTo(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6);
        assertThat(v1.getWelcomeMetadata().toByteArray()).isEqualTo(wrapped.welcomeMetadata().toByteArray());
    }

    @Test
    void opensXWingWelcomesSealedUnderTheHpkePqCodePoint() {
        // libxmtp development builds on hpke-rs 0.6 (March to May 2026) put 0x647A into the HPKE suite id
        WrapperHpke.Encapsulation encapsulation = WrapperHpke.kem(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6)
                .encapsulate(xWingKey.publicKey().toByteArray(), RANDOM);
        WrapperHpke.Context context = WrapperHpke.Context.keySchedule(WrapperHpke.KEM_XWING_HPKE_PQ,
                encapsulation.sharedSecret(), Hpke.encryptContext("MLS_WELCOME", new byte[0]));
        byte[] sealedWelcome = context.seal(new byte[0], welcome);
        byte[] sealedMetadata = context.seal(new byte[0],
                WelcomeMetadata.newBuilder().setMessageCursor(11).build().toByteArray());
        byte[] data = new HpkeCiphertext(Bytes.copyOf(encapsulation.enc()), Bytes.copyOf(sealedWelcome)).toBytes();

        UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(xWingKey.publicKey(), 2, data, sealedMetadata,
                recipientKeys);

        assertThat(unwrapped.welcomeMessage().toByteArray()).isEqualTo(welcome);
        assertThat(unwrapped.messageCursor()).isEqualTo(11);
    }

    @Test
    void wrapRefusesKeysOfTheWrongSize() {
        assertFailure(() -> WelcomeWrapper.wrap(new WrapperKey(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6,
                        initKey.publicKey()), installationKey.publicKey(), welcome, 1, RANDOM),
                WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
        assertFailure(() -> WelcomeWrapper.wrap(new WrapperKey(WelcomeWrapAlgorithm.CURVE25519,
                        xWingKey.publicKey()), installationKey.publicKey(), welcome, 1, RANDOM),
                WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
    }

    @Test
    void wrapRefusesASmallOrderX25519Key() {
        Bytes zero = Bytes.copyOf(new byte[32]);
        assertFailure(() -> WelcomeWrapper.wrap(new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, zero),
                installationKey.publicKey(), welcome, 1, RANDOM), WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
    }

    @Test
    void wrapperKeyFollowsLibxmtpsChoice() {
        assertThat(WrapperKey.of(classicKeyPackage))
                .isEqualTo(new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, initKey.publicKey()));
        assertThat(WrapperKey.of(xWingKeyPackage))
                .isEqualTo(new WrapperKey(WelcomeWrapAlgorithm.XWING_MLKEM_768_DRAFT_6, xWingKey.publicKey()));

        Bytes someKey = X25519KeyPair.generate(RANDOM).publicKey();
        // an unspecified algorithm means Curve25519 with the extension's key, as in libxmtp
        assertThat(WrapperKey.of(withExtension(wrapperEncryption(someKey, 0))))
                .isEqualTo(new WrapperKey(WelcomeWrapAlgorithm.CURVE25519, someKey));
        assertFailure(() -> WrapperKey.of(withExtension(wrapperEncryption(someKey, 3))),
                WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
        assertFailure(() -> WrapperKey.of(withExtension(Bytes.copyOf(new byte[] {(byte) 0xff, 0x01}))),
                WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
    }

    private static Bytes wrapperEncryption(Bytes key, int algorithm) {
        return Bytes.copyOf(WelcomeWrapperEncryption.newBuilder()
                .setPubKey(ByteString.copyFrom(key.toByteArray()))
                .setAlgorithmValue(algorithm)
                .build()
                .toByteArray());
    }

    /** The classic key package with an extra 0xFF03 extension (unsigned: WrapperKey does not check). */
    private KeyPackage withExtension(Bytes data) {
        KeyPackageTbs tbs = classicKeyPackage.tbs();
        List<Extension> extensions = new ArrayList<>(tbs.extensions());
        extensions.add(new Extension(0xFF03, data));
        return new KeyPackageTbs(tbs.version(), tbs.cipherSuite(), tbs.initKey(), tbs.leafNode(), extensions)
                .sign(installationKey);
    }

    private KeyPackage keyPackage(boolean advertiseXWing) {
        XmtpKeyPackageBuilder builder = XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(installationKey)
                .initKey(initKey.publicKey())
                .encryptionKey(encryptionKey.publicKey());
        if (advertiseXWing) {
            builder.welcomeWrapperKey(xWingKey.publicKey());
        }
        return builder.build();
    }

    private static UnwrappedWelcome unwrap(WrappedWelcome wrapped, PrivateKeyLookup keys) {
        return WelcomeWrapper.unwrap(wrapped.hpkePublicKey(), wrapped.algorithm().wireValue(),
                wrapped.data().toByteArray(), wrapped.welcomeMetadata().toByteArray(), keys);
    }

    private static void assertFailure(ThrowingCallable call,
                                      WelcomeWrapException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WelcomeWrapException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
