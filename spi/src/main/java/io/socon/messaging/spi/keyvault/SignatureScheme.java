package io.socon.messaging.spi.keyvault;

/** What {@link KeyVault#sign} computes, and over what input. */
public enum SignatureScheme {

    /**
     * Pure Ed25519 (RFC 8032) over the message; 64-byte signature. MLS uses it (SignWithLabel builds the labelled
     * message before signing). Key kind {@link KeyKind#ED25519}.
     */
    ED25519(KeyKind.ED25519),

    /**
     * Ed25519ph (RFC 8032 section 5.1: SHA-512 prehash) with a context of 0 to 255 bytes; the vault hashes the
     * message. XMTP installation keys sign identity updates this way with the context
     * {@code IDENTITY UPDATE SIGNATURE}. 64-byte signature. Key kind {@link KeyKind#ED25519}.
     */
    ED25519PH(KeyKind.ED25519),

    /**
     * ECDSA on secp256k1 over a 32-byte digest the caller computed (for EIP-191 the Keccak-256 of the prefixed
     * text). 65-byte signature {@code r || s || v}: {@code s} in the lower half of the order (as Ethereum
     * requires), {@code v} 27 or 28 (the recovery id plus 27). Key kind {@link KeyKind#SECP256K1}.
     */
    ECDSA_SECP256K1_RECOVERABLE(KeyKind.SECP256K1);

    private final KeyKind keyKind;

    SignatureScheme(KeyKind keyKind) {
        this.keyKind = keyKind;
    }

    /** The kind of key this scheme signs with. */
    public KeyKind keyKind() {
        return keyKind;
    }
}
