package io.socon.messaging.impl.mls.xmtp;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.wire.identity.MlsCredential;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperEncryption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds a signed key package the way libxmtp does, so that XMTP clients accept it:
 * <ul>
 *   <li>cipher suite 3, protocol mls10;
 *   <li>a basic credential whose identity is the {@code MlsCredential} protobuf naming the inbox;
 *   <li>leaf extension application_id = the inbox id in UTF-8; key package extension last_resort;
 *   <li>capabilities {@link XmtpMlsProfile#KEY_PACKAGE_CAPABILITIES} (without the X-Wing welcome
 *       extensions 0xFF03/0xFF04, which we do not send by default);
 *   <li>optionally ({@link #welcomeWrapperKey}) the WelcomeWrapperEncryption extension 0xFF03 with an X-Wing
 *       public key, after last_resort, and then the capabilities also list 0xFF03. libxmtp then wraps welcomes
 *       for us with X-Wing instead of X25519. The extension 0xFF04 (welcome pointees) is never sent: we cannot
 *       resolve welcome pointers;
 *   <li>lifetime from one hour before now to 84 days after.
 * </ul>
 * The caller keeps the private keys; only the signature key pair is needed here, for signing.
 */
public final class XmtpKeyPackageBuilder {

    /** Size of an X-Wing (ML-KEM-768 + X25519) public key. */
    private static final int XWING_PUBLIC_KEY_SIZE = 1216;

    private final String inboxId;
    private Ed25519KeyPair installationKey;
    private Bytes initKey;
    private Bytes encryptionKey;
    private Bytes welcomeWrapperKey;
    private Lifetime lifetime;

    private XmtpKeyPackageBuilder(String inboxId) {
        this.inboxId = inboxId;
    }

    /**
     * Starts a key package for an installation of {@code inboxId}.
     *
     * @throws IllegalArgumentException if the inbox id is empty
     */
    public static XmtpKeyPackageBuilder forInbox(String inboxId) {
        Objects.requireNonNull(inboxId, "inboxId");
        if (inboxId.isEmpty()) {
            throw new IllegalArgumentException("inbox id is empty");
        }
        return new XmtpKeyPackageBuilder(inboxId);
    }

    /** The installation's Ed25519 key pair: its public key becomes the leaf signature key, and it signs. */
    public XmtpKeyPackageBuilder installationKey(Ed25519KeyPair key) {
        this.installationKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** The X25519 public key that welcomes are encrypted to (32 bytes). */
    public XmtpKeyPackageBuilder initKey(Bytes x25519PublicKey) {
        this.initKey = checkX25519(x25519PublicKey, "init key");
        return this;
    }

    /** The leaf's X25519 public encryption key (32 bytes); must differ from the init key. */
    public XmtpKeyPackageBuilder encryptionKey(Bytes x25519PublicKey) {
        this.encryptionKey = checkX25519(x25519PublicKey, "encryption key");
        return this;
    }

    /**
     * Advertises an X-Wing (draft 06) public key for wrapping welcomes, in extension 0xFF03 with algorithm
     * {@code XWING_MLKEM_768_DRAFT_6}, as libxmtp's key packages do. The installation must keep the matching
     * private key (the 32-byte seed) next to the init key to unwrap welcomes. Off unless called.
     *
     * @throws IllegalArgumentException if the key is not 1216 bytes
     */
    public XmtpKeyPackageBuilder welcomeWrapperKey(Bytes xWingPublicKey) {
        Objects.requireNonNull(xWingPublicKey, "xWingPublicKey");
        if (xWingPublicKey.length() != XWING_PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("welcome wrapper key must be a " + XWING_PUBLIC_KEY_SIZE
                    + "-byte X-Wing public key, not " + xWingPublicKey.length() + " bytes");
        }
        this.welcomeWrapperKey = xWingPublicKey;
        return this;
    }

    /** A lifetime other than the default (one hour before now to 84 days after). */
    public XmtpKeyPackageBuilder lifetime(Lifetime lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** Builds and signs the key package, taking "now" for the default lifetime from the system clock. */
    public KeyPackage build() {
        return build(Clock.systemUTC());
    }

    /**
     * Builds and signs the key package, taking "now" for the default lifetime from {@code clock}.
     *
     * @throws IllegalStateException if a key is missing or the init and encryption keys are equal
     */
    public KeyPackage build(Clock clock) {
        if (installationKey == null || initKey == null || encryptionKey == null) {
            throw new IllegalStateException("installation key, init key and encryption key are all required");
        }
        if (initKey.equals(encryptionKey)) {
            throw new IllegalStateException("init key and encryption key must differ");
        }
        Lifetime validity = lifetime != null ? lifetime : defaultLifetime(clock.instant());
        List<Extension> extensions = welcomeWrapperKey == null
                ? List.of(Extension.lastResort())
                : List.of(Extension.lastResort(), welcomeWrapperExtension(welcomeWrapperKey));
        LeafNode leaf = new LeafNodeTbs(
                encryptionKey,
                installationKey.publicKey(),
                credential(inboxId),
                welcomeWrapperKey == null
                        ? XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES
                        : XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES_WITH_WELCOME_WRAPPER,
                new LeafNodeSource.FromKeyPackage(validity),
                List.of(Extension.applicationId(Bytes.copyOf(inboxId.getBytes(StandardCharsets.UTF_8)))))
                .sign(installationKey);
        return new KeyPackageTbs(ProtocolVersion.MLS10, XmtpMlsProfile.CIPHER_SUITE, initKey, leaf, extensions)
                .sign(installationKey);
    }

    /** Extension 0xFF03: the raw protobuf {@code WelcomeWrapperEncryption{pub_key, algorithm}}. */
    private static Extension welcomeWrapperExtension(Bytes xWingPublicKey) {
        byte[] proto = WelcomeWrapperEncryption.newBuilder()
                .setPubKey(ByteString.copyFrom(xWingPublicKey.toByteArray()))
                .setAlgorithm(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6)
                .build()
                .toByteArray();
        return new Extension(XmtpMlsProfile.WELCOME_WRAPPER_ENCRYPTION_EXTENSION, Bytes.copyOf(proto));
    }

    /** The basic credential XMTP uses: the identity is {@code MlsCredential{inbox_id}} as protobuf. */
    public static Credential.Basic credential(String inboxId) {
        byte[] identity = MlsCredential.newBuilder().setInboxId(inboxId).build().toByteArray();
        return new Credential.Basic(Bytes.copyOf(identity));
    }

    private static Lifetime defaultLifetime(Instant now) {
        return Lifetime.between(now.minus(XmtpMlsProfile.KEY_PACKAGE_BACKDATING),
                now.plus(XmtpMlsProfile.KEY_PACKAGE_VALIDITY));
    }

    private static Bytes checkX25519(Bytes key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length() != X25519KeyPair.KEY_SIZE) {
            throw new IllegalArgumentException(name + " must be a " + X25519KeyPair.KEY_SIZE
                    + "-byte X25519 public key, not " + key.length() + " bytes");
        }
        return key;
    }
}
