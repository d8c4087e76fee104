package io.socon.messaging.it.xmtp;

/**
 * A peer's XMTP identity after {@code create} or {@code build}.
 *
 * @param address lowercase {@code 0x} Ethereum address of the wallet
 * @param walletKey the wallet's private key ({@code 0x} hex), to reopen the installation in a new peer
 * @param inboxId 64 hex characters
 * @param installationId hex of the installation's Ed25519 public key
 * @param libxmtpVersion libxmtp's version string as the client reports it
 */
public record PeerIdentity(String address, String walletKey, String inboxId, String installationId,
        String libxmtpVersion) {
}
