package io.socon.messaging.impl.store.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * This installation's identity.
 *
 * @param inboxId               the inbox (64 hex characters)
 * @param walletAddress         the Ethereum address that owns it, lowercase 0x form
 * @param installationPublicKey the 32-byte Ed25519 public key (the installation id)
 * @param installationKeyRef    where the private installation key is: a KeyVault key URI, or the
 *                              {@code "sealed:"} prefix when it is stored sealed by the vault's data key
 * @param sealedInstallationKey the sealed private key when {@code installationKeyRef} says so, else empty
 *                              (secret: stored encrypted)
 * @param registered            whether the identity update registering the installation was accepted
 * @param createdAtNs           when it was created
 */
public record StoredIdentity(String inboxId, String walletAddress, byte[] installationPublicKey,
                             String installationKeyRef, byte[] sealedInstallationKey, boolean registered,
                             long createdAtNs) {

    public StoredIdentity {
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(walletAddress, "walletAddress");
        installationPublicKey = installationPublicKey.clone();
        Objects.requireNonNull(installationKeyRef, "installationKeyRef");
        sealedInstallationKey = sealedInstallationKey.clone();
    }

    @Override
    public byte[] installationPublicKey() {
        return installationPublicKey.clone();
    }

    @Override
    public byte[] sealedInstallationKey() {
        return sealedInstallationKey.clone();
    }

    /** The same identity, registered. */
    public StoredIdentity asRegistered() {
        return new StoredIdentity(inboxId, walletAddress, installationPublicKey, installationKeyRef,
                sealedInstallationKey, true, createdAtNs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredIdentity s && inboxId.equals(s.inboxId) && walletAddress.equals(s.walletAddress)
                && Arrays.equals(installationPublicKey, s.installationPublicKey)
                && installationKeyRef.equals(s.installationKeyRef)
                && Arrays.equals(sealedInstallationKey, s.sealedInstallationKey) && registered == s.registered
                && createdAtNs == s.createdAtNs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inboxId, Arrays.hashCode(installationPublicKey));
    }

    @Override
    public String toString() {
        return "StoredIdentity[inbox=" + inboxId + ", wallet=" + walletAddress + ", registered=" + registered + "]";
    }
}
