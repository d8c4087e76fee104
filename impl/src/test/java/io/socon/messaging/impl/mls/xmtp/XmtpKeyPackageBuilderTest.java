package io.socon.messaging.impl.mls.xmtp;

import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.CLOCK;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.INBOX_ID;
import static io.socon.messaging.impl.mls.xmtp.KeyPackageFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.wire.identity.MlsCredential;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperEncryption;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XmtpKeyPackageBuilderTest {

    private final KeyPackageFixture fixture = new KeyPackageFixture();

    @Test
    void buildsTheKeyPackageLibxmtpWouldBuild() throws Exception {
        KeyPackage keyPackage = KeyPackage.decode(fixture.valid().toBytes());
        LeafNode leaf = keyPackage.leafNode();

        assertThat(keyPackage.version()).isEqualTo(1);
        assertThat(keyPackage.cipherSuite()).isEqualTo(3);
        assertThat(keyPackage.initKey()).isEqualTo(fixture.initKey.publicKey());
        assertThat(keyPackage.extensions()).containsExactly(new Extension(0x000A, Bytes.EMPTY));
        assertThat(leaf.encryptionKey()).isEqualTo(fixture.encryptionKey.publicKey());
        assertThat(leaf.signatureKey()).isEqualTo(fixture.installationKey.publicKey());
        assertThat(leaf.extensions()).containsExactly(
                Extension.applicationId(Bytes.copyOf(INBOX_ID.getBytes(StandardCharsets.UTF_8))));
        assertThat(leaf.lifetime()).contains(new Lifetime(NOW.getEpochSecond() - 3600,
                NOW.getEpochSecond() + 84L * 24 * 3600));
        Credential.Basic credential = (Credential.Basic) leaf.credential();
        assertThat(MlsCredential.parseFrom(credential.identity().toByteArray()).getInboxId()).isEqualTo(INBOX_ID);
        assertThat(leaf.signatureVerifies()).isTrue();
        assertThat(keyPackage.signatureVerifies()).isTrue();
    }

    @Test
    void capabilitiesAreXmtpsWithoutTheWelcomePointerExtensions() {
        var capabilities = fixture.valid().leafNode().capabilities();

        assertThat(capabilities.versions()).containsExactly(1);
        assertThat(capabilities.cipherSuites()).containsExactly(3);
        assertThat(capabilities.extensions()).containsExactly(0x000A, 0x0001, 0xF000, 0xFF02, 0xFF00, 0xFF01);
        assertThat(capabilities.proposals()).containsExactly(7);
        assertThat(capabilities.credentials()).containsExactly(1);
        assertThat(HexFormat.of().formatHex(capabilities.toBytes()))
                .isEqualTo("02" + "0001" + "02" + "0003" + "0c" + "000a0001f000ff02ff00ff01" + "02" + "0007" + "02" + "0001");
    }

    @Test
    void startsWithTheLayoutTheNodeExpects() {
        // u16 version, u16 suite, <V> init_key, then the leaf: <V> encryption_key, <V> signature_key
        byte[] bytes = fixture.valid().toBytes();
        String expectedStart = "0001" + "0003"
                + "20" + fixture.initKey.publicKey().toHex()
                + "20" + fixture.encryptionKey.publicKey().toHex()
                + "20" + fixture.installationKey.publicKey().toHex();

        assertThat(HexFormat.of().formatHex(bytes)).startsWith(expectedStart);
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        // Ed25519 signatures are deterministic, so a key package depends only on its inputs and the clock
        assertThat(fixture.valid().toBytes()).isEqualTo(fixture.valid().toBytes());
    }

    @Test
    void takesAnExplicitLifetime() throws Exception {
        Lifetime lifetime = new Lifetime(NOW.getEpochSecond() - 10, NOW.getEpochSecond() + 10);
        KeyPackage keyPackage = XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(fixture.installationKey)
                .initKey(fixture.initKey.publicKey())
                .encryptionKey(fixture.encryptionKey.publicKey())
                .lifetime(lifetime)
                .build(CLOCK);

        assertThat(new KeyPackageValidator(CLOCK).validate(keyPackage.toBytes()).lifetime()).isEqualTo(lifetime);
    }

    @Test
    void advertisesAnXWingWelcomeKeyOnlyWhenGivenOne() throws Exception {
        Bytes xWingKey = Bytes.copyOf(new byte[1216]);
        KeyPackage keyPackage = XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(fixture.installationKey)
                .initKey(fixture.initKey.publicKey())
                .encryptionKey(fixture.encryptionKey.publicKey())
                .welcomeWrapperKey(xWingKey)
                .build(CLOCK);

        assertThat(keyPackage.extensions()).hasSize(2);
        assertThat(keyPackage.extensions().get(0)).isEqualTo(new Extension(0x000A, Bytes.EMPTY));
        Extension wrapper = keyPackage.extensions().get(1);
        assertThat(wrapper.type()).isEqualTo(0xFF03);
        WelcomeWrapperEncryption proto = WelcomeWrapperEncryption.parseFrom(wrapper.data().toByteArray());
        assertThat(proto.getPubKey().toByteArray()).isEqualTo(xWingKey.toByteArray());
        assertThat(proto.getAlgorithmValue()).isEqualTo(2);
        assertThat(keyPackage.leafNode().capabilities().extensions())
                .containsExactly(0x000A, 0x0001, 0xF000, 0xFF02, 0xFF00, 0xFF01, 0xFF03);
        assertThat(new KeyPackageValidator(CLOCK).validate(keyPackage.toBytes()).inboxId()).isEqualTo(INBOX_ID);

        assertThatThrownBy(() -> XmtpKeyPackageBuilder.forInbox(INBOX_ID).welcomeWrapperKey(Bytes.copyOf(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1216-byte X-Wing public key, not 32 bytes");
    }

    @Test
    void refusesIncompleteOrInconsistentInput() {
        assertThatThrownBy(() -> XmtpKeyPackageBuilder.forInbox(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmtpKeyPackageBuilder.forInbox(INBOX_ID).initKey(Bytes.copyOf(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init key must be a 32-byte X25519 public key, not 31 bytes");
        assertThatThrownBy(() -> XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(fixture.installationKey)
                .initKey(fixture.initKey.publicKey())
                .build(CLOCK))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(fixture.installationKey)
                .initKey(fixture.initKey.publicKey())
                .encryptionKey(fixture.initKey.publicKey())
                .build(CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("init key and encryption key must differ");
    }
}
