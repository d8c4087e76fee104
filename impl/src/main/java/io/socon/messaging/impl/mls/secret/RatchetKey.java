package io.socon.messaging.impl.mls.secret;

import java.util.Arrays;

/**
 * The AEAD key and nonce of one generation of a hash ratchet (RFC 9420 section 9.1). Hand it to one
 * encryption or decryption and then {@link #destroy()} it.
 */
public final class RatchetKey {

    /** Size of the reuse guard in bytes. */
    public static final int REUSE_GUARD_LENGTH = 4;

    private final long generation;
    private final byte[] key;
    private final byte[] nonce;

    RatchetKey(long generation, byte[] key, byte[] nonce) {
        this.generation = generation;
        this.key = key;
        this.nonce = nonce;
    }

    /** The generation (unsigned 32-bit) this key belongs to. */
    public long generation() {
        return generation;
    }

    /** A copy of the 32-byte AEAD key. */
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the 12-byte nonce as the ratchet derived it (without reuse guard). */
    public byte[] nonce() {
        return nonce.clone();
    }

    /**
     * The nonce to use for a PrivateMessage: its first four bytes XORed with the {@code reuse_guard} the
     * sender chose at random (RFC 9420 section 6.3.1).
     */
    public byte[] nonceWithReuseGuard(byte[] reuseGuard) {
        if (reuseGuard.length != REUSE_GUARD_LENGTH) {
            throw new IllegalArgumentException("reuse_guard has " + REUSE_GUARD_LENGTH + " bytes");
        }
        byte[] guarded = nonce.clone();
        for (int i = 0; i < REUSE_GUARD_LENGTH; i++) {
            guarded[i] ^= reuseGuard[i];
        }
        return guarded;
    }

    /** Wipes key and nonce. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
    }

    /** Package use: the key itself, for storage without a copy. */
    byte[] keyArray() {
        return key;
    }

    /** Package use: the nonce itself. */
    byte[] nonceArray() {
        return nonce;
    }

    @Override
    public String toString() {
        return "RatchetKey[generation=" + generation + "]";
    }
}
