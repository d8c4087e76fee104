package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.crypto.Hex;

/**
 * The text a wallet signed, in XMTP v2, to vouch for its identity key (libxmtp
 * {@code ValidatedLegacySignedPublicKey::text} in {@code xmtp_id/src/associations/signature.rs}):
 * {@code "XMTP : Create Identity\n" + hex(key_bytes) + "\n\nFor more info: https://xmtp.org/signatures/"}.
 * Note the trailing slash, which the identity-update footer does not have.
 */
final class LegacyKeyText {

    private LegacyKeyText() {
    }

    static String of(byte[] serializedUnsignedPublicKey) {
        return "XMTP : Create Identity\n" + Hex.encode(serializedUnsignedPublicKey)
                + "\n\nFor more info: https://xmtp.org/signatures/";
    }
}
