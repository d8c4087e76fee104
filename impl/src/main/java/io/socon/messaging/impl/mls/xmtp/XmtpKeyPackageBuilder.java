package io.socon.messaging.impl.mls.xmtp;

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
 *       extensions 0xFF03/0xFF04, which we do not send);
 *   <li>lifetime from one hour before now to 84 days after.
 * </ul>
 * The caller keeps the private keys; only the signature key pair is needed here, for signing.
 */
public final class XmtpKeyPackageBuilder {

    private final String inboxId;
    private Ed25519KeyPair installationKey;
    private Bytes initKey;
    private Bytes encryptionKey;
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
        LeafNode leaf = new LeafNodeTbs(
                encryptionKey,
                installationKey.publicKey(),
                credential(inboxId),
                XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES,
                new LeafNodeSource.FromKeyPackage(validity),
                List.of(Extension.applicationId(Bytes.copyOf(inboxId.getBytes(StandardCharsets.UTF_8)))))
                .sign(installationKey);
        return new KeyPackageTbs(ProtocolVersion.MLS10, XmtpMlsProfile.CIPHER_SUITE, initKey, leaf,
                List.of(Extension.lastResort()))
                .sign(installationKey);
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
