package io.socon.messaging.impl.identity;

/** What sort of thing an inbox member is. */
public enum MemberKind {
    /** An Ethereum account (externally owned or smart-contract wallet), named by its address. */
    ETHEREUM,
    /** An XMTP installation, named by its 32-byte Ed25519 public key. */
    INSTALLATION,
    /** A WebAuthn passkey, named by its P-256 public key. This project refuses passkeys for now. */
    PASSKEY
}
