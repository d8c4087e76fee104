package io.socon.messaging.impl.mls.xmtp;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds valid XMTP key packages and variants that break exactly one rule while staying correctly signed,
 * so that a refusal can only come from the check under test.
 */
final class KeyPackageFixture {

    static final String INBOX_ID = "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    final Ed25519KeyPair installationKey = Ed25519KeyPair.generate(RANDOM);
    final Ed25519KeyPair otherKey = Ed25519KeyPair.generate(RANDOM);
    final X25519KeyPair initKey = X25519KeyPair.generate(RANDOM);
    final X25519KeyPair encryptionKey = X25519KeyPair.generate(RANDOM);

    /** A key package as our builder makes it, valid at {@link #NOW}. */
    KeyPackage valid() {
        return XmtpKeyPackageBuilder.forInbox(INBOX_ID)
                .installationKey(installationKey)
                .initKey(initKey.publicKey())
                .encryptionKey(encryptionKey.publicKey())
                .build(CLOCK);
    }

    /** The valid key package with its leaf changed; leaf and key package re-signed with the right key. */
    KeyPackage withLeaf(UnaryOperator<LeafNodeTbs> change) {
        return with(change, installationKey, UnaryOperator.identity(), installationKey);
    }

    /** The valid key package with its signed fields changed, then re-signed with the right key. */
    KeyPackage withKeyPackage(UnaryOperator<KeyPackageTbs> change) {
        return with(UnaryOperator.identity(), installationKey, change, installationKey);
    }

    /** The valid key package with both parts changed and each signed by the given key. */
    KeyPackage with(UnaryOperator<LeafNodeTbs> leafChange, Ed25519KeyPair leafSigner,
                    UnaryOperator<KeyPackageTbs> keyPackageChange, Ed25519KeyPair keyPackageSigner) {
        KeyPackage valid = valid();
        LeafNode leaf = leafChange.apply(valid.leafNode().tbs()).sign(leafSigner);
        KeyPackageTbs tbs = new KeyPackageTbs(valid.version(), valid.cipherSuite(), valid.initKey(), leaf,
                valid.extensions());
        return keyPackageChange.apply(tbs).sign(keyPackageSigner);
    }

    static LeafNodeTbs credential(LeafNodeTbs tbs, Credential credential) {
        return new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), credential, tbs.capabilities(), tbs.source(),
                tbs.extensions());
    }

    static LeafNodeTbs capabilities(LeafNodeTbs tbs, Capabilities capabilities) {
        return new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), tbs.credential(), capabilities, tbs.source(),
                tbs.extensions());
    }

    static LeafNodeTbs lifetime(LeafNodeTbs tbs, Lifetime lifetime) {
        return new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), tbs.credential(), tbs.capabilities(),
                new LeafNodeSource.FromKeyPackage(lifetime), tbs.extensions());
    }

    static LeafNodeTbs encryptionKey(LeafNodeTbs tbs, Bytes key) {
        return new LeafNodeTbs(key, tbs.signatureKey(), tbs.credential(), tbs.capabilities(), tbs.source(),
                tbs.extensions());
    }

    static LeafNodeTbs addLeafExtension(LeafNodeTbs tbs, Extension extension) {
        List<Extension> extensions = new ArrayList<>(tbs.extensions());
        extensions.add(extension);
        return new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), tbs.credential(), tbs.capabilities(),
                tbs.source(), extensions);
    }

    static LeafNodeTbs leafExtensions(LeafNodeTbs tbs, List<Extension> extensions) {
        return new LeafNodeTbs(tbs.encryptionKey(), tbs.signatureKey(), tbs.credential(), tbs.capabilities(),
                tbs.source(), extensions);
    }

    static KeyPackageTbs addExtension(KeyPackageTbs tbs, Extension extension) {
        List<Extension> extensions = new ArrayList<>(tbs.extensions());
        extensions.add(extension);
        return new KeyPackageTbs(tbs.version(), tbs.cipherSuite(), tbs.initKey(), tbs.leafNode(), extensions);
    }

    /** XMTP's capabilities with more extension types listed. */
    static Capabilities listingAlso(Integer... extensionTypes) {
        Capabilities xmtp = XmtpMlsProfile.KEY_PACKAGE_CAPABILITIES;
        List<Integer> extensions = new ArrayList<>(xmtp.extensions());
        extensions.addAll(List.of(extensionTypes));
        return new Capabilities(xmtp.versions(), xmtp.cipherSuites(), extensions, xmtp.proposals(),
                xmtp.credentials());
    }
}
