package io.socon.messaging.impl.mls.xmtp;

/**
 * The checks a key package must pass, as stable codes for {@link KeyPackageRejectedException}. The order is
 * the order {@link KeyPackageValidator} applies them in.
 */
public enum KeyPackageCheck {
    /** The bytes are exactly one well-formed KeyPackage (strict TLS decoding, no duplicate extensions). */
    WELL_FORMED,
    /** The protocol version is mls10. */
    PROTOCOL_VERSION,
    /** The cipher suite is XMTP's, 0x0003. */
    CIPHER_SUITE,
    /** The leaf node's source is key_package. */
    LEAF_NODE_SOURCE,
    /** The signature key is a 32-byte Ed25519 key and the init and encryption keys are 32-byte X25519 keys. */
    KEY_SIZES,
    /** The leaf node signature ("LeafNodeTBS") verifies under the leaf's signature key. */
    LEAF_NODE_SIGNATURE,
    /** The key package signature ("KeyPackageTBS") verifies under the leaf's signature key. */
    KEY_PACKAGE_SIGNATURE,
    /** The init key differs from the leaf's encryption key. */
    INIT_KEY_DIFFERS_FROM_ENCRYPTION_KEY,
    /** Every leaf extension is one that may appear in a leaf node, with well-formed content where known. */
    LEAF_NODE_EXTENSIONS_PERMITTED,
    /** Every key package extension is one that may appear in a key package, with well-formed content. */
    KEY_PACKAGE_EXTENSIONS_PERMITTED,
    /** Every non-default extension of the leaf and the key package is listed in the leaf's capabilities. */
    EXTENSIONS_IN_CAPABILITIES,
    /** The leaf's credential type is listed in the leaf's capabilities. */
    CREDENTIAL_IN_CAPABILITIES,
    /** The current time lies strictly inside the leaf's lifetime. */
    LIFETIME,
    /** The credential is a basic credential. */
    BASIC_CREDENTIAL,
    /** The basic credential's identity is an XMTP MlsCredential protobuf naming an inbox. */
    XMTP_CREDENTIAL
}
