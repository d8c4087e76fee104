package io.socon.messaging.impl.client;

import io.socon.messaging.impl.identity.Ed25519InstallationSigner;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import java.util.Arrays;
import java.util.Objects;

/**
 * This client's installation: its inbox, the wallet that owns the inbox, and the Ed25519 installation key, which
 * signs identity updates (Ed25519ph) and is the MLS leaf signature key. Holds the private key in memory while
 * the client is open; {@link #close()} wipes it.
 */
final class LocalInstallation implements AutoCloseable {

    private final String inboxId;
    private final String walletAddress;
    private final byte[] privateKey;
    private final Bytes publicKey;

    LocalInstallation(String inboxId, String walletAddress, byte[] privateKey) {
        this.inboxId = Objects.requireNonNull(inboxId, "inboxId");
        this.walletAddress = Objects.requireNonNull(walletAddress, "walletAddress");
        this.privateKey = privateKey.clone();
        this.publicKey = Ed25519KeyPair.fromPrivateKey(this.privateKey).publicKey();
    }

    String inboxId() {
        return inboxId;
    }

    String walletAddress() {
        return walletAddress;
    }

    /** The installation id: the 32-byte Ed25519 public key. */
    Bytes installationKey() {
        return publicKey;
    }

    /** The key pair for MLS signing. */
    Ed25519KeyPair mlsSigner() {
        return Ed25519KeyPair.fromPrivateKey(privateKey);
    }

    /** The signer for identity updates. */
    Ed25519InstallationSigner identitySigner() {
        return Ed25519InstallationSigner.of(privateKey);
    }

    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "LocalInstallation[inbox=" + inboxId + ", installation=" + publicKey.toHex() + "]";
    }
}
