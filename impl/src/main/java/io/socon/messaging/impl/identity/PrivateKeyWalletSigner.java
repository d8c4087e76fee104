package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A wallet whose secp256k1 private key is in this process: for tests and for custodial signing.
 *
 * <p>Holds its own copy of the key until {@link #close()} overwrites it; after that it cannot sign.
 */
public final class PrivateKeyWalletSigner implements WalletSigner, AutoCloseable {

    private final byte[] privateKey;
    private final String address;
    private volatile boolean closed;

    private PrivateKeyWalletSigner(byte[] privateKey) {
        this.address = EthereumAddresses.fromPrivateKey(privateKey);
        this.privateKey = privateKey.clone();
    }

    /** A signer for a 32-byte private key (copied; the caller may wipe its array). */
    public static PrivateKeyWalletSigner of(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new PrivateKeyWalletSigner(privateKey);
    }

    /** A signer for a new random key. */
    public static PrivateKeyWalletSigner generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] key = new byte[32];
        while (true) {
            random.nextBytes(key);
            try {
                PrivateKeyWalletSigner signer = new PrivateKeyWalletSigner(key);
                Arrays.fill(key, (byte) 0);
                return signer;
            } catch (IllegalArgumentException outOfRange) {
                // 0 or >= n: astronomically unlikely, draw again
            }
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public byte[] signPersonalMessage(String text) {
        if (closed) {
            throw new IllegalStateException("this wallet signer was closed and its key wiped");
        }
        return Eip191.sign(privateKey, text);
    }

    /** Overwrites the key. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "PrivateKeyWalletSigner[" + address + "]";
    }
}
