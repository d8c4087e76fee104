package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.crypto.Ed25519ph;
import io.socon.messaging.impl.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An installation key held in this process.
 *
 * <p>Holds its own copy of the 32-byte seed until {@link #close()} overwrites it. The client engine stores the
 * seed through the key vault ({@link #privateKeyForStorage()}) and recreates the signer with {@link #of}.
 */
public final class Ed25519InstallationSigner implements InstallationSigner, AutoCloseable {

    private final byte[] privateKey;
    private final byte[] publicKey;
    private volatile boolean closed;

    private Ed25519InstallationSigner(byte[] privateKey) {
        this.publicKey = Ed25519ph.publicKey(privateKey);
        this.privateKey = privateKey.clone();
    }

    /** A signer for a 32-byte Ed25519 seed (copied; the caller may wipe its array). */
    public static Ed25519InstallationSigner of(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new Ed25519InstallationSigner(privateKey);
    }

    /** A new random installation key, as libxmtp makes for every new installation. */
    public static Ed25519InstallationSigner generate(SecureRandom random) {
        byte[] seed = Ed25519ph.generatePrivateKey(random);
        try {
            return new Ed25519InstallationSigner(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signIdentityText(String text) {
        Objects.requireNonNull(text, "text");
        return Ed25519ph.sign(liveKey(), Ed25519ph.identityUpdateContext(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the seed, to hand to the key vault; wipe it after use. */
    public byte[] privateKeyForStorage() {
        return liveKey().clone();
    }

    /** Overwrites the seed. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    private byte[] liveKey() {
        if (closed) {
            throw new IllegalStateException("this installation signer was closed and its key wiped");
        }
        return privateKey;
    }

    @Override
    public String toString() {
        return "Ed25519InstallationSigner[" + Hex.encode(publicKey) + "]";
    }
}
