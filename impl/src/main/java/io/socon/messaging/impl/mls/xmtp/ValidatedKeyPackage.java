package io.socon.messaging.impl.mls.xmtp;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.Lifetime;
import java.util.Objects;

/**
 * A key package that passed every check of {@link KeyPackageValidator}, with the facts a node or client
 * files it under.
 *
 * @param installationKey the leaf's Ed25519 signature key (32 bytes): the XMTP installation key
 * @param inboxId         the inbox id named by the leaf's credential
 * @param initKey         the X25519 HPKE init key (32 bytes) welcomes are encrypted to
 * @param encryptionKey   the leaf's X25519 HPKE encryption key (32 bytes)
 * @param lifetime        the leaf's lifetime
 * @param keyPackageBytes the key package exactly as received
 * @param keyPackage      the decoded key package
 */
public record ValidatedKeyPackage(Bytes installationKey, String inboxId, Bytes initKey, Bytes encryptionKey,
                                  Lifetime lifetime, Bytes keyPackageBytes, KeyPackage keyPackage) {

    /** Checks for nulls. */
    public ValidatedKeyPackage {
        Objects.requireNonNull(installationKey, "installationKey");
        Objects.requireNonNull(inboxId, "inboxId");
        Objects.requireNonNull(initKey, "initKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(keyPackageBytes, "keyPackageBytes");
        Objects.requireNonNull(keyPackage, "keyPackage");
    }
}
