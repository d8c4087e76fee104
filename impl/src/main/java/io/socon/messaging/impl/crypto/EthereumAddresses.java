package io.socon.messaging.impl.crypto;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Ethereum account addresses as XMTP writes them: {@code 0x} followed by 40 lowercase hex digits.
 *
 * <p>XMTP compares addresses as plain strings, so every address this project produces is in that one
 * spelling; EIP-55 mixed-case checksums are accepted on input by {@link #normalize(String)} and never produced.
 */
public final class EthereumAddresses {

    /** Length of {@code 0x} plus 40 hex digits. */
    public static final int TEXT_LENGTH = 42;

    private EthereumAddresses() {
    }

    /** Whether the text is {@code 0x} followed by exactly 40 ASCII hex digits of either case. */
    public static boolean isWellFormed(String address) {
        if (address == null || address.length() != TEXT_LENGTH || !address.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < TEXT_LENGTH; i++) {
            if (!Hex.isAsciiHexDigit(address.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the address in XMTP's spelling (lowercase, with {@code 0x}).
     *
     * @throws IllegalArgumentException if the text is not {@code 0x} and 40 hex digits
     */
    public static String normalize(String address) {
        Objects.requireNonNull(address, "address");
        if (!isWellFormed(address)) {
            throw new IllegalArgumentException("not an Ethereum address (expected 0x and 40 hex digits): '"
                    + abbreviate(address) + "'");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    /**
     * The address of an uncompressed secp256k1 public key: the last 20 bytes of keccak-256 over {@code x || y}.
     *
     * @param publicKey 64 bytes ({@code x || y}) or 65 bytes ({@code 0x04 || x || y})
     */
    public static String fromPublicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        byte[] xy;
        if (publicKey.length == 65 && publicKey[0] == 0x04) {
            xy = java.util.Arrays.copyOfRange(publicKey, 1, 65);
        } else if (publicKey.length == 64) {
            xy = publicKey;
        } else {
            throw new IllegalArgumentException(
                    "an uncompressed secp256k1 public key is 64 bytes (x||y) or 65 bytes (0x04||x||y), got "
                            + publicKey.length + " bytes");
        }
        return fromPublicKey(new BigInteger(1, xy));
    }

    /**
     * The address of a SEC1-encoded secp256k1 public key, checking that it is a point on the curve.
     *
     * @param sec1 33 bytes ({@code 02}/{@code 03} and x) or 65 bytes ({@code 04}, x and y)
     * @throws IllegalArgumentException for any other length or prefix, or bytes that are not a curve point
     */
    public static String fromSec1PublicKey(byte[] sec1) {
        return fromPublicKey(Secp256k1.uncompressedXy(sec1));
    }

    /** The address of a public key given as web3j's 512-bit integer {@code x || y}. */
    static String fromPublicKey(BigInteger publicKey) {
        return "0x" + Keys.getAddress(publicKey).toLowerCase(Locale.ROOT);
    }

    /**
     * The address that belongs to a secp256k1 private key.
     *
     * @param privateKey 32 bytes, big-endian, in {@code [1, n-1]}
     */
    public static String fromPrivateKey(byte[] privateKey) {
        return fromPublicKey(Sign.publicKeyFromPrivate(Secp256k1.privateKeyScalar(privateKey)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 50 ? text : text.substring(0, 47) + "...";
    }
}
