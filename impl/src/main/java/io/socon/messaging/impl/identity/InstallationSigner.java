package io.socon.messaging.impl.identity;

/**
 * An installation's Ed25519 key, signing identity texts with Ed25519ph and the context
 * {@code IDENTITY UPDATE SIGNATURE}. Its public key is the installation id and also the MLS leaf signature key.
 */
public interface InstallationSigner {

    /** The 32-byte Ed25519 public key. */
    byte[] publicKey();

    /**
     * Signs an identity update's signature text.
     *
     * @return 64 bytes
     */
    byte[] signIdentityText(String text);
}
