package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Ready-made identity updates for the client engine: register an inbox with its first installation, add an
 * installation, revoke installations. Each computes the signature text and collects the signatures through
 * {@link WalletSigner} and {@link InstallationSigner}; none keeps a key.
 */
public final class IdentityUpdates {

    private IdentityUpdates() {
    }

    /**
     * The registration request as libxmtp's {@code Identity::new} makes it for a new inbox:
     * {@code [CreateInbox(wallet, nonce), AddAssociation(installation, existing = wallet)]}, already signed by
     * the installation. The wallet signs {@link SignatureRequest#signatureText()} once, and that signature fills
     * both wallet fields.
     */
    public static SignatureRequest registrationRequest(String walletAddress, long nonce,
            InstallationSigner installation, Clock clock) {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(clock, "clock");
        return SignatureRequest.builder(InboxId.derive(walletAddress, nonce), clock.instant())
                .createInbox(walletAddress, nonce)
                .addInstallation(installation.publicKey(), walletAddress)
                .build()
                .signedBy(installation);
    }

    /** A complete registration update, signed by both the wallet and the new installation. */
    public static IdentityUpdate registration(WalletSigner wallet,
            long nonce, InstallationSigner installation, Clock clock) {
        Objects.requireNonNull(wallet, "wallet");
        return registrationRequest(wallet.address(), nonce, installation, clock).signedBy(wallet).toIdentityUpdate();
    }

    /**
     * An update that adds another installation to an existing inbox, vouched for by a wallet that is a member (or
     * the recovery address).
     */
    public static IdentityUpdate addInstallation(String inboxId,
            WalletSigner memberWallet, InstallationSigner newInstallation, Clock clock) {
        Objects.requireNonNull(memberWallet, "memberWallet");
        Objects.requireNonNull(newInstallation, "newInstallation");
        Objects.requireNonNull(clock, "clock");
        return SignatureRequest.builder(inboxId, clock.instant())
                .addInstallation(newInstallation.publicKey(), memberWallet.address())
                .build()
                .signedBy(newInstallation)
                .signedBy(memberWallet)
                .toIdentityUpdate();
    }

    /** An update that revokes installations, signed by the inbox's recovery wallet. */
    public static IdentityUpdate revokeInstallations(
            String inboxId, WalletSigner recoveryWallet, List<byte[]> installationPublicKeys, Clock clock) {
        Objects.requireNonNull(recoveryWallet, "recoveryWallet");
        Objects.requireNonNull(installationPublicKeys, "installationPublicKeys");
        Objects.requireNonNull(clock, "clock");
        SignatureRequest.Builder builder = SignatureRequest.builder(inboxId, clock.instant());
        for (byte[] key : installationPublicKeys) {
            builder.revokeInstallation(key, recoveryWallet.address());
        }
        return builder.build().signedBy(recoveryWallet).toIdentityUpdate();
    }
}
