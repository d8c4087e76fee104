package io.socon.messaging.impl.mls.xmtp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.wire.identity.MlsCredential;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether an uploaded or fetched key package may be used in XMTP: the checks libxmtp's validation
 * service makes (OpenMLS {@code KeyPackageIn::validate} with lifetimes verified, then the credential), plus
 * a few that OpenMLS only makes later, when the key package is added to a group. {@link KeyPackageCheck}
 * lists them in the order applied; the first failure is reported.
 *
 * <p>Where this is stricter than libxmtp's validation service, key packages made by libxmtp still pass:
 * only cipher suite 3 is accepted (libxmtp accepts any suite OpenMLS knows); keys must have their suite-3
 * sizes; leaf extensions and the credential type must be listed in the leaf capabilities (RFC 9420 section
 * 10.1; OpenMLS checks these when adding the key package to a group); the inbox id must not be empty.
 *
 * <p>Thread-safe; one instance can serve every request.
 */
public final class KeyPackageValidator {

    /** OpenMLS's AppDataDictionary extension type (extensions draft 08), which libxmtp enables. */
    private static final int OPENMLS_APP_DATA_DICTIONARY = 0x0006;

    private final Clock clock;

    /**
     * @param clock the source of "now" for the lifetime check
     */
    public KeyPackageValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A validator that checks lifetimes against the system clock. */
    public static KeyPackageValidator withSystemClock() {
        return new KeyPackageValidator(Clock.systemUTC());
    }

    /**
     * Validates the TLS encoding of a KeyPackage (bare, not wrapped in an MLSMessage, as XMTP uploads them).
     *
     * @return the key package's facts
     * @throws KeyPackageRejectedException naming the first check that failed
     */
    public ValidatedKeyPackage validate(byte[] keyPackageBytes) throws KeyPackageRejectedException {
        Objects.requireNonNull(keyPackageBytes, "keyPackageBytes");
        KeyPackage keyPackage = decode(keyPackageBytes);
        LeafNode leaf = keyPackage.leafNode();

        checkVersionAndSuite(keyPackage);
        Lifetime lifetime = keyPackageLifetime(leaf);
        checkKeySizes(keyPackage);
        if (!leaf.signatureVerifies()) {
            throw rejected(KeyPackageCheck.LEAF_NODE_SIGNATURE, "leaf node signature does not verify");
        }
        if (!keyPackage.signatureVerifies()) {
            throw rejected(KeyPackageCheck.KEY_PACKAGE_SIGNATURE, "key package signature does not verify");
        }
        if (keyPackage.initKey().equals(leaf.encryptionKey())) {
            throw rejected(KeyPackageCheck.INIT_KEY_DIFFERS_FROM_ENCRYPTION_KEY,
                    "init key equals the leaf encryption key");
        }
        checkLeafExtensionsPermitted(leaf);
        checkKeyPackageExtensionsPermitted(keyPackage);
        checkCapabilities(keyPackage);
        checkLifetime(lifetime);
        String inboxId = inboxId(leaf.credential());

        return new ValidatedKeyPackage(leaf.signatureKey(), inboxId, keyPackage.initKey(), leaf.encryptionKey(),
                lifetime, Bytes.copyOf(keyPackageBytes), keyPackage);
    }

    private static KeyPackage decode(byte[] keyPackageBytes) throws KeyPackageRejectedException {
        try {
            return KeyPackage.decode(keyPackageBytes);
        } catch (MlsDecodeException e) {
            throw new KeyPackageRejectedException(KeyPackageCheck.WELL_FORMED,
                    "key package is malformed: " + e.getMessage(), e);
        }
    }

    private static void checkVersionAndSuite(KeyPackage keyPackage) throws KeyPackageRejectedException {
        if (keyPackage.version() != ProtocolVersion.MLS10) {
            throw rejected(KeyPackageCheck.PROTOCOL_VERSION, "key package protocol version "
                    + ProtocolVersion.describe(keyPackage.version()) + " is not mls10");
        }
        if (keyPackage.cipherSuite() != XmtpMlsProfile.CIPHER_SUITE) {
            throw rejected(KeyPackageCheck.CIPHER_SUITE, "key package cipher suite "
                    + CipherSuite.describe(keyPackage.cipherSuite()) + " is not XMTP's "
                    + CipherSuite.describe(XmtpMlsProfile.CIPHER_SUITE));
        }
    }

    private static Lifetime keyPackageLifetime(LeafNode leaf) throws KeyPackageRejectedException {
        return switch (leaf.source()) {
            case LeafNodeSource.FromKeyPackage fromKeyPackage -> fromKeyPackage.lifetime();
            case LeafNodeSource.FromUpdate update ->
                    throw rejected(KeyPackageCheck.LEAF_NODE_SOURCE, "leaf node source is update, not key_package");
            case LeafNodeSource.FromCommit commit ->
                    throw rejected(KeyPackageCheck.LEAF_NODE_SOURCE, "leaf node source is commit, not key_package");
        };
    }

    private static void checkKeySizes(KeyPackage keyPackage) throws KeyPackageRejectedException {
        LeafNode leaf = keyPackage.leafNode();
        checkSize(leaf.signatureKey(), Ed25519KeyPair.KEY_SIZE, "leaf signature key (Ed25519)");
        checkSize(keyPackage.initKey(), X25519KeyPair.KEY_SIZE, "init key (X25519)");
        checkSize(leaf.encryptionKey(), X25519KeyPair.KEY_SIZE, "leaf encryption key (X25519)");
    }

    private static void checkSize(Bytes key, int size, String name) throws KeyPackageRejectedException {
        if (key.length() != size) {
            throw rejected(KeyPackageCheck.KEY_SIZES, name + " has " + key.length() + " bytes, not " + size);
        }
    }

    /**
     * OpenMLS refuses, while decoding a leaf node, extension types that belong elsewhere (last_resort,
     * ImmutableMetadata, and RFC 9420's GroupInfo and group context extensions). It also re-encodes the
     * application_id it decoded before checking the signature, so malformed content fails there; we check
     * that content directly.
     */
    private static void checkLeafExtensionsPermitted(LeafNode leaf) throws KeyPackageRejectedException {
        for (Extension extension : leaf.extensions()) {
            int type = extension.type();
            boolean permitted = type != ExtensionType.LAST_RESORT
                    && type != XmtpMlsProfile.IMMUTABLE_METADATA_EXTENSION
                    && (type == ExtensionType.APPLICATION_ID || !ExtensionType.isDefault(type));
            if (!permitted) {
                throw rejected(KeyPackageCheck.LEAF_NODE_EXTENSIONS_PERMITTED,
                        "extension " + ExtensionType.describe(type) + " may not appear in a leaf node");
            }
            if (type == ExtensionType.APPLICATION_ID) {
                try {
                    extension.applicationId();
                } catch (MlsDecodeException e) {
                    throw new KeyPackageRejectedException(KeyPackageCheck.LEAF_NODE_EXTENSIONS_PERMITTED,
                            "leaf node application_id extension is malformed: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * OpenMLS accepts in a key package only last_resort (it has no content) and types it does not know;
     * GREASE values, RFC 9420's extensions, AppDataDictionary and ImmutableMetadata are refused.
     */
    private static void checkKeyPackageExtensionsPermitted(KeyPackage keyPackage)
            throws KeyPackageRejectedException {
        for (Extension extension : keyPackage.extensions()) {
            int type = extension.type();
            if (type == ExtensionType.LAST_RESORT) {
                if (!extension.data().isEmpty()) {
                    throw rejected(KeyPackageCheck.KEY_PACKAGE_EXTENSIONS_PERMITTED, "last_resort extension must be "
                            + "empty but holds " + extension.data().length() + " byte(s)");
                }
                continue;
            }
            boolean knownToOpenMls = (type >= ExtensionType.APPLICATION_ID && type <= OPENMLS_APP_DATA_DICTIONARY)
                    || type == XmtpMlsProfile.IMMUTABLE_METADATA_EXTENSION;
            if (knownToOpenMls || ExtensionType.isGrease(type)) {
                throw rejected(KeyPackageCheck.KEY_PACKAGE_EXTENSIONS_PERMITTED,
                        "extension " + ExtensionType.describe(type) + " may not appear in a key package");
            }
        }
    }

    private static void checkCapabilities(KeyPackage keyPackage) throws KeyPackageRejectedException {
        LeafNode leaf = keyPackage.leafNode();
        Capabilities capabilities = leaf.capabilities();
        // a set, so that a hostile key package with huge lists costs linear time
        Set<Integer> listed = new HashSet<>(capabilities.extensions());
        for (Extension extension : keyPackage.extensions()) {
            if (!isSupported(extension.type(), listed)) {
                throw rejected(KeyPackageCheck.EXTENSIONS_IN_CAPABILITIES, "key package extension "
                        + ExtensionType.describe(extension.type()) + " is not listed in the leaf capabilities");
            }
        }
        for (Extension extension : leaf.extensions()) {
            if (!isSupported(extension.type(), listed)) {
                throw rejected(KeyPackageCheck.EXTENSIONS_IN_CAPABILITIES, "leaf node extension "
                        + ExtensionType.describe(extension.type()) + " is not listed in the leaf capabilities");
            }
        }
        int credentialType = leaf.credential().type();
        if (!capabilities.credentials().contains(credentialType)) {
            throw rejected(KeyPackageCheck.CREDENTIAL_IN_CAPABILITIES, "credential type "
                    + CredentialType.describe(credentialType) + " is not listed in the leaf capabilities");
        }
    }

    /** RFC 9420's default extensions need not be listed in the capabilities; others must be. */
    private static boolean isSupported(int extensionType, Set<Integer> listed) {
        return ExtensionType.isDefault(extensionType) || listed.contains(extensionType);
    }

    /** OpenMLS's rule: valid when not_before < now < not_after, in whole seconds, with no tolerance. */
    private void checkLifetime(Lifetime lifetime) throws KeyPackageRejectedException {
        Instant now = clock.instant();
        long nowSeconds = now.getEpochSecond();
        if (Long.compareUnsigned(lifetime.notBefore(), nowSeconds) >= 0) {
            throw rejected(KeyPackageCheck.LIFETIME, "key package lifetime is not valid before "
                    + lifetime.notBeforeInstant() + " (now " + now + ")");
        }
        if (Long.compareUnsigned(nowSeconds, lifetime.notAfter()) >= 0) {
            throw rejected(KeyPackageCheck.LIFETIME, "key package lifetime expired at "
                    + lifetime.notAfterInstant() + " (now " + now + ")");
        }
    }

    private static String inboxId(Credential credential) throws KeyPackageRejectedException {
        if (!(credential instanceof Credential.Basic basic)) {
            throw rejected(KeyPackageCheck.BASIC_CREDENTIAL,
                    "credential type " + CredentialType.describe(credential.type()) + " is not basic");
        }
        MlsCredential mlsCredential;
        try {
            mlsCredential = MlsCredential.parseFrom(basic.identity().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new KeyPackageRejectedException(KeyPackageCheck.XMTP_CREDENTIAL,
                    "basic credential identity is not an XMTP MlsCredential: " + e.getMessage(), e);
        }
        if (mlsCredential.getInboxId().isEmpty()) {
            throw rejected(KeyPackageCheck.XMTP_CREDENTIAL, "XMTP MlsCredential names no inbox id");
        }
        return mlsCredential.getInboxId();
    }

    private static KeyPackageRejectedException rejected(KeyPackageCheck check, String message) {
        return new KeyPackageRejectedException(check, message);
    }
}
