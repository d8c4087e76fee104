package io.socon.messaging.impl.store.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A key package this installation published, with its private keys.
 *
 * @param hpkePublicKey the init key, which welcomes name as their {@code hpke_public_key}
 * @param bundle        {@code KeyPackageBundle.toBytes()} (secret: stored encrypted)
 * @param createdAtNs   when it was made
 */
public record StoredKeyPackage(byte[] hpkePublicKey, byte[] bundle, long createdAtNs) {

    public StoredKeyPackage {
        hpkePublicKey = hpkePublicKey.clone();
        bundle = bundle.clone();
    }

    @Override
    public byte[] hpkePublicKey() {
        return hpkePublicKey.clone();
    }

    @Override
    public byte[] bundle() {
        return bundle.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredKeyPackage s && Arrays.equals(hpkePublicKey, s.hpkePublicKey)
                && Arrays.equals(bundle, s.bundle) && createdAtNs == s.createdAtNs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hpkePublicKey);
    }

    @Override
    public String toString() {
        return "StoredKeyPackage[" + java.util.HexFormat.of().formatHex(hpkePublicKey) + "]";
    }
}
