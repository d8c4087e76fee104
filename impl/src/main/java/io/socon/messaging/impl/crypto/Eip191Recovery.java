package io.socon.messaging.impl.crypto;

import java.util.Objects;

/**
 * The result of recovering an EIP-191 signature.
 *
 * @param address the signer, lowercase with {@code 0x}
 * @param normalizedSignature the 65 signature bytes with s in the lower half of the curve order; this is the
 *     signature's identity when XMTP checks for replays
 */
public record Eip191Recovery(String address, byte[] normalizedSignature) {

    /** Checks the fields and keeps a private copy of the bytes. */
    public Eip191Recovery {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(normalizedSignature, "normalizedSignature");
        normalizedSignature = normalizedSignature.clone();
    }

    /** A copy of the normalised signature bytes. */
    @Override
    public byte[] normalizedSignature() {
        return normalizedSignature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Eip191Recovery that
                && address.equals(that.address)
                && java.util.Arrays.equals(normalizedSignature, that.normalizedSignature);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + java.util.Arrays.hashCode(normalizedSignature);
    }

    @Override
    public String toString() {
        return "Eip191Recovery[address=" + address + ", normalizedSignature=" + Hex.encode(normalizedSignature) + "]";
    }
}
