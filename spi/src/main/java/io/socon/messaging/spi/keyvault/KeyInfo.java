package io.socon.messaging.spi.keyvault;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a vault tells about a key: never the private key.
 *
 * @param uri the key's name
 * @param kind what kind of key it is
 * @param publicKey the public key in the format of {@link KeyKind} (copied in and out); empty for symmetric kinds
 * @param createdAt when the key was generated or imported
 */
public record KeyInfo(KeyUri uri, KeyKind kind, byte[] publicKey, Instant createdAt) {

    /** @throws IllegalArgumentException if the public key's length does not match the kind */
    public KeyInfo {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(createdAt, "createdAt");
        if (publicKey.length != kind.publicKeyLength()) {
            throw new IllegalArgumentException("a " + kind + " public key is " + kind.publicKeyLength()
                    + " bytes, got " + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    /** A copy of the public key; empty for symmetric kinds. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyInfo k && uri.equals(k.uri) && kind == k.kind && Arrays.equals(publicKey, k.publicKey)
                && createdAt.equals(k.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, kind, Arrays.hashCode(publicKey), createdAt);
    }

    @Override
    public String toString() {
        return "KeyInfo[" + uri + ", " + kind + ", publicKey=" + HexFormat.of().formatHex(publicKey) + ", createdAt="
                + createdAt + "]";
    }
}
