package io.socon.messaging.impl.mls.xmtp;

import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.ProposalType;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import java.time.Duration;
import java.util.List;

/**
 * The facts of XMTP's MLS profile (libxmtp {@code node-bindings-1.10.0} on OpenMLS {@code 42f1479c}) that key
 * packages and groups depend on: the cipher suite, XMTP's extension types and what a key package advertises.
 */
public final class XmtpMlsProfile {

    /** XMTP uses cipher suite 3, MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519, and no other. */
    public static final int CIPHER_SUITE = CipherSuite.X25519_CHACHA20POLY1305_SHA256_ED25519;

    /** OpenMLS's ImmutableMetadata group context extension: XMTP's GroupMetadata (conversation type etc.). */
    public static final int IMMUTABLE_METADATA_EXTENSION = 0xF000;
    /** Group context extension holding GroupMutableMetadataV1 (name, admins, ...). */
    public static final int MUTABLE_METADATA_EXTENSION = 0xFF00;
    /** Group context extension holding GroupMembership (inbox id to identity sequence id). */
    public static final int GROUP_MEMBERSHIP_EXTENSION = 0xFF01;
    /** Group context extension holding GroupMutablePermissionsV1. */
    public static final int GROUP_PERMISSIONS_EXTENSION = 0xFF02;
    /**
     * Key package extension with a post-quantum (X-Wing) key for wrapping welcomes; sent only when the key
     * package builder is given an X-Wing key.
     */
    public static final int WELCOME_WRAPPER_ENCRYPTION_EXTENSION = 0xFF03;
    /** Key package extension listing the AEADs accepted for welcome pointees; we do not send it. */
    public static final int WELCOME_POINTEE_AEAD_TYPES_EXTENSION = 0xFF04;

    /**
     * The capabilities our key packages advertise: libxmtp's, without the two welcome-pointer extensions
     * (0xFF03, 0xFF04), in libxmtp's order. Without them libxmtp wraps welcomes for us with X25519 to the
     * init key and sends us no welcome pointers.
     */
    public static final Capabilities KEY_PACKAGE_CAPABILITIES = new Capabilities(
            List.of(ProtocolVersion.MLS10),
            List.of(CIPHER_SUITE),
            List.of(ExtensionType.LAST_RESORT, ExtensionType.APPLICATION_ID, IMMUTABLE_METADATA_EXTENSION,
                    GROUP_PERMISSIONS_EXTENSION, MUTABLE_METADATA_EXTENSION, GROUP_MEMBERSHIP_EXTENSION),
            List.of(ProposalType.GROUP_CONTEXT_EXTENSIONS),
            List.of(CredentialType.BASIC));

    /**
     * The capabilities of a key package that advertises an X-Wing welcome key: {@link #KEY_PACKAGE_CAPABILITIES}
     * plus 0xFF03, which OpenMLS requires to be listed when the key package carries that extension. 0xFF04 stays
     * out because we do not take welcome pointers (libxmtp lists both, but decides by the extensions).
     */
    public static final Capabilities KEY_PACKAGE_CAPABILITIES_WITH_WELCOME_WRAPPER = new Capabilities(
            List.of(ProtocolVersion.MLS10),
            List.of(CIPHER_SUITE),
            List.of(ExtensionType.LAST_RESORT, ExtensionType.APPLICATION_ID, IMMUTABLE_METADATA_EXTENSION,
                    GROUP_PERMISSIONS_EXTENSION, MUTABLE_METADATA_EXTENSION, GROUP_MEMBERSHIP_EXTENSION,
                    WELCOME_WRAPPER_ENCRYPTION_EXTENSION),
            List.of(ProposalType.GROUP_CONTEXT_EXTENSIONS),
            List.of(CredentialType.BASIC));

    /** How far a new key package's lifetime reaches back, for clients whose clocks run behind (OpenMLS). */
    public static final Duration KEY_PACKAGE_BACKDATING = Duration.ofHours(1);

    /** How far a new key package's lifetime reaches forward: 3 x 28 days (OpenMLS's default). */
    public static final Duration KEY_PACKAGE_VALIDITY = Duration.ofDays(84);

    private XmtpMlsProfile() {
    }
}
