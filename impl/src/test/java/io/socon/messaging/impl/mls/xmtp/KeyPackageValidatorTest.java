package io.socon.messaging.impl.mls.xmtp;

import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.CLOCK;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.INBOX_ID;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.NOW;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.addExtension;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.addLeafExtension;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.capabilities;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.credential;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.encryptionKey;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.leafExtensions;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.lifetime;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.listingAlso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.wire.identity.MlsCredential;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Every refusal uses a key package that is correctly signed and breaks exactly one rule, and asserts the
 * check that must catch it: if that check were removed, the key package would be accepted or refused by a
 * different check, and the test would fail.
 */
class KeyPackageValidatorTest {

    private final KeyPackageFixture fixture = new KeyPackageFixture();
    private final KeyPackageValidator validator = new KeyPackageValidator(CLOCK);

    @Test
    void acceptsWhatOurBuilderMakes() throws Exception {
        KeyPackage keyPackage = fixture.valid();
        byte[] bytes = keyPackage.toBytes();

        ValidatedKeyPackage validated = validator.validate(bytes);

        assertThat(validated.installationKey()).isEqualTo(fixture.installationKey.publicKey());
        assertThat(validated.installationKey().length()).isEqualTo(32);
        assertThat(validated.inboxId()).isEqualTo(INBOX_ID);
        assertThat(validated.initKey()).isEqualTo(fixture.initKey.publicKey());
        assertThat(validated.encryptionKey()).isEqualTo(fixture.encryptionKey.publicKey());
        assertThat(validated.lifetime()).isEqualTo(new Lifetime(NOW.getEpochSecond() - 3600,
                NOW.getEpochSecond() + 84 * 86400));
        assertThat(validated.keyPackageBytes().contentEquals(bytes)).isTrue();
        assertThat(validated.keyPackage()).isEqualTo(keyPackage);
    }

    @Test
    void acceptsTheExtensionsLibxmtpSends() throws Exception {
        // libxmtp adds 0xff04 (and 0xff03 with a post-quantum key) to its key packages and lists both
        KeyPackage keyPackage = fixture.with(
                leaf -> capabilities(leaf, listingAlso(XmtpMlsProfile.WELCOME_WRAPPER_ENCRYPTION_EXTENSION,
                        XmtpMlsProfile.WELCOME_POINTEE_AEAD_TYPES_EXTENSION)),
                fixture.installationKey,
                tbs -> addExtension(addExtension(tbs,
                        new Extension(XmtpMlsProfile.WELCOME_POINTEE_AEAD_TYPES_EXTENSION, Bytes.fromHex("0203"))),
                        new Extension(XmtpMlsProfile.WELCOME_WRAPPER_ENCRYPTION_EXTENSION, Bytes.fromHex("0a0b"))),
                fixture.installationKey);

        assertThat(validator.validate(keyPackage.toBytes()).inboxId()).isEqualTo(INBOX_ID);
    }

    @Test
    void defaultExtensionsNeedNotBeListedInTheCapabilities() throws Exception {
        // application_id (type 1) is one of RFC 9420's defaults: capabilities without it still pass
        Capabilities xmtp = XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES;
        Capabilities withoutApplicationId = new Capabilities(xmtp.versions(), xmtp.cipherSuites(),
                xmtp.extensions().stream().filter(type -> type != ExtensionType.APPLICATION_ID).toList(),
                xmtp.proposals(), xmtp.credentials());
        KeyPackage keyPackage = fixture.withLeaf(leaf -> capabilities(leaf, withoutApplicationId));

        assertThat(validator.validate(keyPackage.toBytes()).inboxId()).isEqualTo(INBOX_ID);
    }

    @Test
    void refusesATruncatedKeyPackage() {
        byte[] bytes = fixture.valid().toBytes();

        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), KeyPackageCheck.WELL_FORMED)
                .hasMessageContaining("key package is malformed: KeyPackage.signature")
                .hasCauseInstanceOf(MlsDecodeException.class);
    }

    @Test
    void refusesTrailingBytes() {
        byte[] bytes = fixture.valid().toBytes();

        assertRejected(Arrays.copyOf(bytes, bytes.length + 2), KeyPackageCheck.WELL_FORMED)
                .hasMessage("key package is malformed: KeyPackage at offset " + bytes.length
                        + ": 2 unexpected byte(s) after the end of KeyPackage");
    }

    @Test
    void refusesANonMinimalVarint() {
        // the init key's length 32 (0x20) written in two bytes (0x4020)
        byte[] bytes = fixture.valid().toBytes();
        assertThat(bytes[4]).isEqualTo((byte) 0x20);
        byte[] padded = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, padded, 0, 4);
        padded[4] = 0x40;
        padded[5] = 0x20;
        System.arraycopy(bytes, 5, padded, 6, bytes.length - 5);

        assertRejected(padded, KeyPackageCheck.WELL_FORMED)
                .hasMessageContaining("KeyPackage.init_key at offset 4")
                .hasMessageContaining("shortest encoding");
    }

    @Test
    void refusesAnExtensionTypeThatAppearsTwice() {
        KeyPackage keyPackage = fixture.withKeyPackage(tbs -> addExtension(tbs, Extension.lastResort()));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.WELL_FORMED)
                .hasMessageContaining("0x000a (last_resort) appears twice");
    }

    @Test
    void refusesAnotherProtocolVersion() {
        KeyPackage keyPackage = fixture.withKeyPackage(tbs ->
                new KeyPackageTbs(2, tbs.cipherSuite(), tbs.initKey(), tbs.leafNode(), tbs.extensions()));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.PROTOCOL_VERSION)
                .hasMessage("key package protocol version 0x0002 is not mls10");
    }

    @Test
    void refusesAnotherCipherSuite() {
        // suite 1 also signs with Ed25519, so the signatures are valid
        KeyPackage keyPackage = fixture.withKeyPackage(tbs ->
                new KeyPackageTbs(tbs.version(), 1, tbs.initKey(), tbs.leafNode(), tbs.extensions()));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.CIPHER_SUITE)
                .hasMessageStartingWith("key package cipher suite 0x0001 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519)"
                        + " is not XMTP's 0x0003");
    }

    @Test
    void refusesALeafThatDoesNotComeFromAKeyPackage() {
        for (LeafNodeSource source : List.<LeafNodeSource>of(new LeafNodeSource.FromUpdate(),
                new LeafNodeSource.FromCommit(Bytes.fromHex("abcd")))) {
            KeyPackage valid = fixture.valid();
            LeafNodeTbs tbs = valid.leafNode().tbs();
            LeafNode leaf = new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), tbs.credential(),
                    tbs.capabilities(), source, tbs.extensions()).sign(fixture.installationKey, Bytes.EMPTY, 0);
            KeyPackage keyPackage = new KeyPackageTbs(valid.version(), valid.cipherSuite(), valid.initKey(), leaf,
                    valid.extensions()).sign(fixture.installationKey);

            assertRejected(keyPackage.toBytes(), KeyPackageCheck.LEAF_NODE_SOURCE)
                    .hasMessageMatching("leaf node source is (update|commit), not key_package");
        }
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        KeyPackage shortInitKey = fixture.withKeyPackage(tbs -> new KeyPackageTbs(tbs.version(), tbs.cipherSuite(),
                Bytes.copyOf(new byte[31]), tbs.leafNode(), tbs.extensions()));
        KeyPackage longEncryptionKey = fixture.withLeaf(leaf -> encryptionKey(leaf, Bytes.copyOf(new byte[33])));

        assertRejected(shortInitKey.toBytes(), KeyPackageCheck.KEY_SIZES)
                .hasMessage("init key (X25519) has 31 bytes, not 32");
        assertRejected(longEncryptionKey.toBytes(), KeyPackageCheck.KEY_SIZES)
                .hasMessage("leaf encryption key (X25519) has 33 bytes, not 32");
    }

    @Test
    void refusesALeafSignedByAnotherKey() {
        // the key package signature itself is right, over the leaf as it stands
        KeyPackage keyPackage = fixture.with(leaf -> leaf, fixture.otherKey, tbs -> tbs, fixture.installationKey);

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.LEAF_NODE_SIGNATURE)
                .hasMessage("leaf node signature does not verify");
    }

    @Test
    void refusesALeafSignatureMadeWithAnotherLabel() {
        KeyPackage valid = fixture.valid();
        LeafNodeTbs tbs = valid.leafNode().tbs();
        LeafNode leaf = new LeafNode(tbs, LabeledSignature.sign(fixture.installationKey, "KeyPackageTBS",
                tbs.toBytes()));
        KeyPackage keyPackage = new KeyPackageTbs(valid.version(), valid.cipherSuite(), valid.initKey(), leaf,
                valid.extensions()).sign(fixture.installationKey);

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.LEAF_NODE_SIGNATURE);
    }

    @Test
    void refusesAKeyPackageSignedByAnotherKey() {
        KeyPackage keyPackage = fixture.with(leaf -> leaf, fixture.installationKey, tbs -> tbs, fixture.otherKey);

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.KEY_PACKAGE_SIGNATURE)
                .hasMessage("key package signature does not verify");
    }

    @Test
    void refusesAnInitKeyEqualToTheEncryptionKey() {
        KeyPackage keyPackage = fixture.withLeaf(leaf -> encryptionKey(leaf, fixture.initKey.publicKey()));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.INIT_KEY_DIFFERS_FROM_ENCRYPTION_KEY)
                .hasMessage("init key equals the leaf encryption key");
    }

    @Test
    void refusesLeafExtensionsThatBelongElsewhere() {
        // last_resort and ImmutableMetadata are listed in XMTP's capabilities; required_capabilities is a default
        for (int type : List.of(ExtensionType.LAST_RESORT, XmtpMlsProfile.IMMUTABLE_METADATA_EXTENSION,
                ExtensionType.REQUIRED_CAPABILITIES)) {
            KeyPackage keyPackage = fixture.withLeaf(leaf -> addLeafExtension(leaf, new Extension(type, Bytes.EMPTY)));

            assertRejected(keyPackage.toBytes(), KeyPackageCheck.LEAF_NODE_EXTENSIONS_PERMITTED)
                    .hasMessage("extension " + ExtensionType.describe(type) + " may not appear in a leaf node");
        }
    }

    @Test
    void refusesAMalformedApplicationId() {
        Extension malformed = new Extension(ExtensionType.APPLICATION_ID, Bytes.fromHex("026162" + "63"));
        KeyPackage keyPackage = fixture.withLeaf(leaf -> leafExtensions(leaf, List.of(malformed)));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.LEAF_NODE_EXTENSIONS_PERMITTED)
                .hasMessageStartingWith("leaf node application_id extension is malformed");
    }

    @Test
    void refusesKeyPackageExtensionsThatOpenMlsDoesNotAllowThere() {
        // application_id is a default type (exempt from capabilities); the others are listed
        for (int type : List.of(ExtensionType.APPLICATION_ID, XmtpMlsProfile.IMMUTABLE_METADATA_EXTENSION, 0x0A0A,
                0x0006)) {
            KeyPackage keyPackage = fixture.with(leaf -> capabilities(leaf, listingAlso(0x0A0A, 0x0006)),
                    fixture.installationKey, tbs -> addExtension(tbs, new Extension(type, Bytes.EMPTY)),
                    fixture.installationKey);

            assertRejected(keyPackage.toBytes(), KeyPackageCheck.KEY_PACKAGE_EXTENSIONS_PERMITTED)
                    .hasMessage("extension " + ExtensionType.describe(type) + " may not appear in a key package");
        }
    }

    @Test
    void refusesALastResortExtensionWithContent() {
        KeyPackage keyPackage = fixture.withKeyPackage(tbs -> new KeyPackageTbs(tbs.version(), tbs.cipherSuite(),
                tbs.initKey(), tbs.leafNode(), List.of(new Extension(ExtensionType.LAST_RESORT, Bytes.fromHex("00")))));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.KEY_PACKAGE_EXTENSIONS_PERMITTED)
                .hasMessage("last_resort extension must be empty but holds 1 byte(s)");
    }

    @Test
    void refusesAKeyPackageExtensionNotListedInTheCapabilities() {
        KeyPackage keyPackage = fixture.withKeyPackage(tbs -> addExtension(tbs,
                new Extension(XmtpMlsProfile.WELCOME_WRAPPER_ENCRYPTION_EXTENSION, Bytes.fromHex("01"))));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.EXTENSIONS_IN_CAPABILITIES)
                .hasMessage("key package extension 0xff03 is not listed in the leaf capabilities");
    }

    @Test
    void refusesALeafExtensionNotListedInTheCapabilities() {
        KeyPackage keyPackage = fixture.withLeaf(leaf -> addLeafExtension(leaf, new Extension(0xFF10, Bytes.EMPTY)));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.EXTENSIONS_IN_CAPABILITIES)
                .hasMessage("leaf node extension 0xff10 is not listed in the leaf capabilities");
    }

    @Test
    void refusesACredentialTypeNotListedInTheCapabilities() {
        Capabilities xmtp = XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES;
        Capabilities x509Only = new Capabilities(xmtp.versions(), xmtp.cipherSuites(), xmtp.extensions(),
                xmtp.proposals(), List.of(CredentialType.X509));
        KeyPackage keyPackage = fixture.withLeaf(leaf -> capabilities(leaf, x509Only));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.CREDENTIAL_IN_CAPABILITIES)
                .hasMessage("credential type 0x0001 (basic) is not listed in the leaf capabilities");
    }

    @Test
    void refusesAnExpiredKeyPackage() {
        long now = NOW.getEpochSecond();
        KeyPackage keyPackage = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(now - 86400, now - 60)));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.LIFETIME)
                .hasMessage("key package lifetime expired at 2026-06-01T11:59:00Z (now 2026-06-01T12:00:00Z)");
    }

    @Test
    void refusesAKeyPackageNotYetValid() {
        long now = NOW.getEpochSecond();
        KeyPackage keyPackage = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(now + 60, now + 86400)));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.LIFETIME)
                .hasMessage("key package lifetime is not valid before 2026-06-01T12:01:00Z (now 2026-06-01T12:00:00Z)");
    }

    @Test
    void lifetimeBoundsAreExclusiveAsInOpenMls() throws Exception {
        long now = NOW.getEpochSecond();
        KeyPackage endsNow = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(now - 60, now)));
        KeyPackage startsNow = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(now, now + 60)));
        KeyPackage tightest = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(now - 1, now + 1)));
        KeyPackage endless = fixture.withLeaf(leaf -> lifetime(leaf, new Lifetime(0, -1)));

        assertRejected(endsNow.toBytes(), KeyPackageCheck.LIFETIME).hasMessageStartingWith("key package lifetime expired");
        assertRejected(startsNow.toBytes(), KeyPackageCheck.LIFETIME).hasMessageStartingWith("key package lifetime is not");
        assertThat(validator.validate(tightest.toBytes()).inboxId()).isEqualTo(INBOX_ID);
        assertThat(validator.validate(endless.toBytes()).lifetime().notAfter()).isEqualTo(-1L);
    }

    @Test
    void refusesCredentialsThatAreNotBasic() {
        Capabilities xmtp = XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES;
        Capabilities anyCredential = new Capabilities(xmtp.versions(), xmtp.cipherSuites(), xmtp.extensions(),
                xmtp.proposals(), List.of(CredentialType.BASIC, CredentialType.X509, 0xF00D));
        List<Credential> credentials = List.of(new Credential.X509(List.of(Bytes.fromHex("3082"))),
                new Credential.Unknown(0xF00D, XmtpKeyPackageBuilder.credential(INBOX_ID).identity()));
        for (Credential other : credentials) {
            KeyPackage keyPackage = fixture.withLeaf(leaf -> credential(capabilities(leaf, anyCredential), other));

            assertRejected(keyPackage.toBytes(), KeyPackageCheck.BASIC_CREDENTIAL)
                    .hasMessage("credential type " + CredentialType.describe(other.type()) + " is not basic");
        }
    }

    @Test
    void refusesABasicCredentialThatIsNotAnMlsCredential() {
        // "Alice": 0x41 starts field 8 as fixed64, which needs 8 bytes
        KeyPackage keyPackage = fixture.withLeaf(leaf ->
                credential(leaf, new Credential.Basic(Bytes.copyOf("Alice".getBytes()))));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.XMTP_CREDENTIAL)
                .hasMessageStartingWith("basic credential identity is not an XMTP MlsCredential");
    }

    @Test
    void refusesAnMlsCredentialWithoutInboxId() {
        Bytes empty = Bytes.copyOf(MlsCredential.getDefaultInstance().toByteArray());
        KeyPackage keyPackage = fixture.withLeaf(leaf -> credential(leaf, new Credential.Basic(empty)));

        assertRejected(keyPackage.toBytes(), KeyPackageCheck.XMTP_CREDENTIAL)
                .hasMessage("XMTP MlsCredential names no inbox id");
    }

    @Test
    void keepsAnIndependentCopyOfTheBytes() throws Exception {
        byte[] bytes = fixture.valid().toBytes();
        ValidatedKeyPackage validated = validator.validate(bytes);
        byte[] original = bytes.clone();
        bytes[0] = 9;

        assertThat(validated.keyPackageBytes().contentEquals(original)).isTrue();
    }

    private AbstractThrowableAssert<?, ?> assertRejected(byte[] keyPackage, KeyPackageCheck check) {
        return assertThatThrownBy(() -> validator.validate(keyPackage))
                .isInstanceOfSatisfying(KeyPackageRejectedException.class,
                        e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(check));
    }
}
