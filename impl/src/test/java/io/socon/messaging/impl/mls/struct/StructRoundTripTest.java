package io.socon.messaging.impl.mls.struct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.PrivateMessage;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every structure encodes and decodes back to itself, unknown values included. */
class StructRoundTripTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.generate(RANDOM);

    @Test
    void extensionsOfUnknownTypesKeepTheirBytes() {
        Extension unknown = new Extension(0xFF42, Bytes.fromHex("deadbeef"));
        Extension grease = new Extension(0x3A3A, Bytes.EMPTY);

        assertRoundTrip(unknown, Extension::readFrom);
        assertRoundTrip(grease, Extension::readFrom);
        assertThat(HexFormat.of().formatHex(unknown.toBytes())).isEqualTo("ff42" + "04" + "deadbeef");
    }

    @Test
    void applicationIdExtensionHoldsAnOpaqueVector() {
        Extension extension = Extension.applicationId(Bytes.fromHex("6162"));

        assertThat(HexFormat.of().formatHex(extension.toBytes())).isEqualTo("0001" + "03" + "02" + "6162");
        assertThat(extension.applicationId()).isEqualTo(Bytes.fromHex("6162"));
        assertThatThrownBy(() -> new Extension(ExtensionType.APPLICATION_ID, Bytes.fromHex("026162ff")).applicationId())
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("unexpected byte");
        assertThatThrownBy(() -> Extension.lastResort().applicationId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void extensionListsRefuseATypeTwice() {
        byte[] twice = new TlsWriter()
                .writeList(List.of(Extension.lastResort(), new Extension(0xFF00, Bytes.EMPTY), Extension.lastResort()))
                .toByteArray();

        assertThatThrownBy(() -> TlsReader.decodeExactly(twice, "Exts", in -> Extension.readList(in, "Exts.list")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("Exts.list at offset 0")
                .hasMessageContaining("0x000a (last_resort) appears twice");
    }

    @Test
    @Timeout(2)
    void aHugeExtensionListIsCheckedForDuplicatesInLessThanQuadraticTime() {
        // 65536 distinct types, then one repeated: a pairwise check would take billions of comparisons
        TlsWriter out = new TlsWriter();
        out.writeVector(list -> {
            for (int type = 0; type <= 0xFFFF; type++) {
                list.writeUint16(type).writeVarint(0);
            }
            list.writeUint16(0x1234).writeVarint(0);
        });
        byte[] bytes = out.toByteArray();

        assertThatThrownBy(() -> TlsReader.decodeExactly(bytes, "Exts", in -> Extension.readList(in, "Exts.list")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("0x1234 appears twice");
    }

    @Test
    void credentialsOfEveryKind() {
        assertRoundTrip(new Credential.Basic(Bytes.fromHex("0a0b")), Credential::readFrom);
        assertRoundTrip(new Credential.X509(List.of(Bytes.fromHex("3082"), Bytes.fromHex("3083aa"))),
                Credential::readFrom);
        assertRoundTrip(new Credential.Unknown(0xF00D, Bytes.fromHex("c0ffee")), Credential::readFrom);

        // an X.509 credential is a vector of length-prefixed certificates
        assertThat(HexFormat.of().formatHex(new Credential.X509(List.of(Bytes.fromHex("aa"))).toBytes()))
                .isEqualTo("0002" + "02" + "01aa");
        assertThat(Credential.readFrom(TlsReader.over(HexFormat.of().parseHex("f00d" + "01" + "ee"))))
                .isEqualTo(new Credential.Unknown(0xF00D, Bytes.fromHex("ee")));
    }

    @Test
    void capabilitiesKeepUnknownAndGreaseValuesInOrder() {
        Capabilities capabilities = new Capabilities(List.of(1, 0x0A0A), List.of(3, 1, 0xF0F0),
                List.of(0xFF05, 10, 0x1A1A), List.of(7, 0xFFEE), List.of(1, 0x7777));

        assertRoundTrip(capabilities, Capabilities::readFrom);
        assertThat(capabilities.supportsExtension(ExtensionType.REQUIRED_CAPABILITIES)).isTrue();
        assertThat(capabilities.supportsExtension(0xFF05)).isTrue();
        assertThat(capabilities.supportsExtension(0xFF06)).isFalse();
        assertThatThrownBy(() -> new Capabilities(List.of(0x10000), List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifetimesKeepUnsignedSeconds() {
        Lifetime lifetime = new Lifetime(0, -1);

        assertRoundTrip(lifetime, Lifetime::readFrom);
        assertThat(HexFormat.of().formatHex(lifetime.toBytes())).isEqualTo("0000000000000000" + "ffffffffffffffff");
        assertThat(lifetime.notAfterInstant()).isEqualTo(java.time.Instant.MAX);
    }

    @Test
    void leafNodesOfEverySource() {
        LeafNode fromKeyPackage = leafTbs(new LeafNodeSource.FromKeyPackage(new Lifetime(1, 2))).sign(KEY);
        LeafNode fromUpdate = leafTbs(new LeafNodeSource.FromUpdate()).sign(KEY, Bytes.fromHex("99"), 3);
        LeafNode fromCommit = leafTbs(new LeafNodeSource.FromCommit(Bytes.fromHex("abcd"))).sign(KEY,
                Bytes.fromHex("99"), 4);

        for (LeafNode leaf : List.of(fromKeyPackage, fromUpdate, fromCommit)) {
            assertThat(LeafNode.decode(leaf.toBytes())).isEqualTo(leaf);
        }
        assertThat(fromKeyPackage.signatureVerifies()).isTrue();
        assertThat(fromUpdate.signatureVerifies(Bytes.fromHex("99"), 3)).isTrue();
        assertThat(fromUpdate.signatureVerifies(Bytes.fromHex("99"), 4)).isFalse();
        assertThat(fromCommit.signatureVerifies(Bytes.fromHex("99"), 4)).isTrue();
        assertThat(fromKeyPackage.lifetime()).contains(new Lifetime(1, 2));
        assertThatThrownBy(fromUpdate::signatureVerifies).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leafNodeTbsOfAnUpdateLeafEndsWithGroupIdAndLeafIndex() {
        LeafNodeTbs tbs = leafTbs(new LeafNodeSource.FromUpdate());
        TlsWriter fields = new TlsWriter();
        tbs.writeFields(fields);

        assertThat(HexFormat.of().formatHex(tbs.toBytes(Bytes.fromHex("77"), 5)))
                .isEqualTo(HexFormat.of().formatHex(fields.toByteArray()) + "0177" + "00000005");
    }

    @Test
    void unknownLeafNodeSourceIsRefused() {
        byte[] leaf = leafTbs(new LeafNodeSource.FromUpdate()).sign(KEY, Bytes.EMPTY, 0).toBytes();
        int sourceOffset = leaf.length - 66 - 1 - 1; // signature (2-byte prefix + 64), empty extensions, source
        assertThat(leaf[sourceOffset]).isEqualTo((byte) 2);
        leaf[sourceOffset] = 4;

        assertThatThrownBy(() -> LeafNode.decode(leaf))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("LeafNode.leaf_node_source at offset " + sourceOffset)
                .hasMessageContaining("unknown leaf node source 4");
    }

    @Test
    void keyPackagesRoundTripAndRefuseTrailingBytes() {
        LeafNode leaf = leafTbs(new LeafNodeSource.FromKeyPackage(new Lifetime(1, 2))).sign(KEY);
        KeyPackage keyPackage = new KeyPackageTbs(ProtocolVersion.MLS10, 3, Bytes.copyOf(new byte[32]), leaf,
                List.of(Extension.lastResort(), new Extension(0xFF04, Bytes.fromHex("0103")))).sign(KEY);
        byte[] bytes = keyPackage.toBytes();
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);

        assertThat(KeyPackage.decode(bytes)).isEqualTo(keyPackage);
        assertThat(keyPackage.signatureVerifies()).isTrue();
        assertThatThrownBy(() -> KeyPackage.decode(longer))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("KeyPackage at offset " + bytes.length + ": 1 unexpected byte(s) after the end of KeyPackage");
    }

    @Test
    void welcomeAndGroupInfoRoundTrip() {
        Welcome welcome = new Welcome(3, List.of(
                new Welcome.EncryptedGroupSecrets(Bytes.fromHex("01"), new HpkeCiphertext(Bytes.fromHex("02"),
                        Bytes.fromHex("0304"))),
                new Welcome.EncryptedGroupSecrets(Bytes.fromHex("05"), new HpkeCiphertext(Bytes.EMPTY, Bytes.EMPTY))),
                Bytes.fromHex("0607"));
        GroupInfo groupInfo = new GroupInfo(new GroupContext(1, 3, Bytes.fromHex("10"), -2L, Bytes.fromHex("11"),
                Bytes.fromHex("12"), List.of(new Extension(0xFF01, Bytes.fromHex("13")))),
                List.of(new Extension(ExtensionType.RATCHET_TREE, Bytes.fromHex("14"))), Bytes.fromHex("15"),
                0xFFFF_FFFFL, Bytes.fromHex("16"));

        assertThat(Welcome.decode(welcome.toBytes())).isEqualTo(welcome);
        assertThat(GroupInfo.decode(groupInfo.toBytes())).isEqualTo(groupInfo);
        assertThat(MlsMessage.decode(MlsMessage.wrap(WireFormat.WELCOME, welcome).toBytes()).welcome())
                .isEqualTo(welcome);
    }

    @Test
    void privateMessagesRoundTrip() {
        PrivateMessage message = new PrivateMessage(Bytes.fromHex("aa"), 7, ContentType.COMMIT, Bytes.EMPTY,
                Bytes.fromHex("bb"), Bytes.fromHex("cc"));

        assertThat(PrivateMessage.decode(message.toBytes())).isEqualTo(message);
        assertThat(HexFormat.of().formatHex(message.toBytes()))
                .isEqualTo("01aa" + "0000000000000007" + "03" + "00" + "01bb" + "01cc");
    }

    @Test
    void mlsMessageEnvelope() {
        byte[] bytes = HexFormat.of().parseHex("0001" + "0005" + "abcdef");
        MlsMessage message = MlsMessage.decode(bytes);

        assertThat(message.wireFormat()).isEqualTo(WireFormat.KEY_PACKAGE);
        assertThat(message.body()).isEqualTo(Bytes.fromHex("abcdef"));
        assertThat(message.toBytes()).isEqualTo(bytes);
        assertThatThrownBy(message::welcome).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(message::keyPackage).isInstanceOf(MlsDecodeException.class);
    }

    @Test
    void mlsMessageRefusesOtherVersionsAndUnknownWireFormats() {
        assertThatThrownBy(() -> MlsMessage.decode(HexFormat.of().parseHex("0002" + "0005")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("MLSMessage.version at offset 0: unsupported protocol version 0x0002 (only mls10 is defined)");
        assertThatThrownBy(() -> MlsMessage.decode(HexFormat.of().parseHex("0001" + "0006")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("MLSMessage.wire_format at offset 2: unknown wire format 6");
    }

    @Test
    void greaseValues() {
        List<Integer> grease = List.of(0x0A0A, 0x1A1A, 0x2A2A, 0x3A3A, 0x4A4A, 0x5A5A, 0x6A6A, 0x7A7A, 0x8A8A,
                0x9A9A, 0xAAAA, 0xBABA, 0xCACA, 0xDADA, 0xEAEA);
        int count = 0;
        for (int value = 0; value <= 0xFFFF; value++) {
            if (ExtensionType.isGrease(value)) {
                assertThat(grease).contains(value);
                count++;
            }
        }
        assertThat(count).isEqualTo(grease.size());
    }

    private static LeafNodeTbs leafTbs(LeafNodeSource source) {
        return new LeafNodeTbs(Bytes.copyOf(new byte[32]), KEY.publicKey(), new Credential.Basic(Bytes.fromHex("01")),
                new Capabilities(List.of(1), List.of(3), List.of(), List.of(), List.of(1)), source, List.of());
    }

    private static <T extends TlsEncodable> void assertRoundTrip(T value, TlsReader.Decoder<T> decoder) {
        byte[] bytes = value.toBytes();
        T decoded = TlsReader.decodeExactly(bytes, value.getClass().getSimpleName(), decoder);
        assertThat(decoded).isEqualTo(value);
        assertThat(decoded.toBytes()).isEqualTo(bytes);
    }
}
