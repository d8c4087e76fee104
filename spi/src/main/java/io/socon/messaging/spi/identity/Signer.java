package io.socon.messaging.spi.identity;

import io.socon.messaging.api.EthereumAddress;

/**
 * The wallet of a host user's XMTP identity: signs XMTP identity texts (creating the inbox, adding this
 * server's installation) with EIP-191 {@code personal_sign}.
 *
 * <p>A custodial signer signs at once, inside a key vault. A signer for the user's own wallet cannot: it
 * returns {@link SigningResult.Pending} with a challenge that the user's browser wallet signs; Socon Messaging
 * reports it to the host as {@code SignatureRequiredException} and finishes when the signature arrives.
 *
 * <p>Implementations must be thread-safe. {@link #sign} may block briefly (a vault call) but must not wait for
 * a person.
 */
public interface Signer {

    /** The wallet's address; signatures must recover to it. */
    EthereumAddress address();

    /**
     * Signs {@code text} with EIP-191 version {@code 0x45}: the wallet signs
     * {@code keccak256("\x19Ethereum Signed Message:\n" + len(utf8) + utf8)}.
     *
     * @param text the exact identity text XMTP defines; never shown changed
     * @return {@link SigningResult.Signed} with 65 bytes {@code r || s || v}, or {@link SigningResult.Pending}
     */
    SigningResult sign(String text);
}
