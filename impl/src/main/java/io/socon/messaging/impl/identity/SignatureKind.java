package io.socon.messaging.impl.identity;

/** How a signature in an identity update was made; each member kind accepts only some of these. */
public enum SignatureKind {
    /** A wallet's EIP-191 {@code personal_sign}, recovered to an address. */
    ERC191,
    /** A smart-contract wallet signature (ERC-1271, possibly wrapped per ERC-6492), checked on chain. */
    ERC1271,
    /** An installation key's Ed25519ph signature with the context {@code IDENTITY UPDATE SIGNATURE}. */
    INSTALLATION_KEY,
    /** A signature by an XMTP v2 identity key that the wallet once signed for (legacy delegation). */
    LEGACY_DELEGATED,
    /** A passkey (P-256) WebAuthn assertion. */
    P256;

    /** Whether a member of the given kind may sign with a signature of this kind. */
    public boolean fits(MemberKind role) {
        return switch (role) {
            case ETHEREUM -> this == ERC191 || this == ERC1271 || this == LEGACY_DELEGATED;
            case INSTALLATION -> this == INSTALLATION_KEY;
            case PASSKEY -> this == P256;
        };
    }
}
