package io.socon.messaging.impl.mls.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash function of an MLS cipher suite (RFC 9420 section 17.1), used here for tree hashes and parent hashes.
 * Only the hash is needed for those, so every suite of RFC 9420 is known here even where this project has no
 * other primitive of the suite.
 */
public final class SuiteHash {

    private final int cipherSuite;
    private final String algorithm;

    private SuiteHash(int cipherSuite, String algorithm) {
        this.cipherSuite = cipherSuite;
        this.algorithm = algorithm;
    }

    /**
     * The hash of {@code cipherSuite}: SHA-256 for suites 1 to 3, SHA-512 for 4 to 6, SHA-384 for 7.
     *
     * @throws IllegalArgumentException for any other suite
     */
    public static SuiteHash forSuite(int cipherSuite) {
        return switch (cipherSuite) {
            case 1, 2, 3 -> new SuiteHash(cipherSuite, "SHA-256");
            case 4, 5, 6 -> new SuiteHash(cipherSuite, "SHA-512");
            case 7 -> new SuiteHash(cipherSuite, "SHA-384");
            default -> throw new IllegalArgumentException("no hash known for cipher suite " + cipherSuite);
        };
    }

    /** The cipher suite. */
    public int cipherSuite() {
        return cipherSuite;
    }

    /** The hash of {@code input}. */
    public byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
