package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.impl.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives XMTP inbox ids.
 *
 * <p>An inbox id is lowercase hex of SHA-256 over the UTF-8 text {@code address + nonce}, where the address is
 * lowercase with {@code 0x} and the nonce is written in decimal as an unsigned 64-bit number (libxmtp
 * {@code xmtp_id/src/associations/member.rs}, {@code Identifier::inbox_id}). The node SDK's default nonce is 1.
 */
public final class InboxId {

    /** The nonce {@code @xmtp/node-sdk} uses when none is given. */
    public static final long DEFAULT_NONCE = 1;

    private InboxId() {
    }

    /**
     * The inbox id for a wallet address and nonce.
     *
     * @param address {@code 0x} and 40 hex digits, either case; it is lowercased first, as libxmtp does
     * @param nonce an unsigned 64-bit number (Java's negative values stand for 2^63 and above)
     * @throws IllegalArgumentException if the address is not well formed
     */
    public static String derive(String address, long nonce) {
        String lowercase = EthereumAddresses.normalize(address);
        byte[] input = (lowercase + Long.toUnsignedString(nonce)).getBytes(StandardCharsets.UTF_8);
        return Hex.encode(sha256(input));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
