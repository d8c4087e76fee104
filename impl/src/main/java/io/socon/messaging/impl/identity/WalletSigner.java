package io.socon.messaging.impl.identity;

/**
 * A wallet that signs identity texts with EIP-191 {@code personal_sign}: a browser wallet behind a round trip,
 * a custodial key in a vault, or a test key.
 */
public interface WalletSigner {

    /** The wallet's address, lowercase with {@code 0x}. */
    String address();

    /**
     * Signs the text with EIP-191 version 0x45.
     *
     * @return 65 bytes {@code r || s || v}
     */
    byte[] signPersonalMessage(String text);
}
