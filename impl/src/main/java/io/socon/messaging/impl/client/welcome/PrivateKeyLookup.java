package io.socon.messaging.impl.client.welcome;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.Optional;

/**
 * Finds the private key for a welcome's {@code hpke_public_key}, as libxmtp does by looking up the key package
 * that carried that key. For {@link WelcomeWrapAlgorithm#CURVE25519} the key is the key package's init key
 * (32-byte X25519 private key); for {@link WelcomeWrapAlgorithm#XWING_MLKEM_768_DRAFT_6} it is the 32-byte X-Wing
 * seed whose public key the key package advertised in extension 0xFF03.
 */
@FunctionalInterface
public interface PrivateKeyLookup {

    /**
     * The private key for {@code publicKey} under {@code algorithm}, or empty if there is none. Return a fresh
     * copy: {@link WelcomeWrapper} wipes the array when it is done with it.
     */
    Optional<byte[]> privateKey(WelcomeWrapAlgorithm algorithm, Bytes publicKey);
}
