package io.socon.messaging.api;

/**
 * Who an open {@link Inbox} is on XMTP.
 *
 * @param inboxId the XMTP inbox id, the same on every device of this person
 * @param address the wallet address the inbox was opened with (custodial or the user's own wallet)
 * @param installationId this server's installation in the inbox (one per host user and server cluster)
 */
public record InboxInfo(InboxId inboxId, EthereumAddress address, InstallationId installationId) {

    /** @throws InvalidValueException if a component is null */
    public InboxInfo {
        Checks.notNull(inboxId, "inboxId");
        Checks.notNull(address, "address");
        Checks.notNull(installationId, "installationId");
    }
}
