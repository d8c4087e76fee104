package io.socon.messaging.impl.client.welcome;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.prng.FixedSecureRandom;
import org.bouncycastle.pqc.crypto.xwing.XWingKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingKeyPairGenerator;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingPublicKeyParameters;

/**
 * An X-Wing key pair (draft-connolly-cfrg-xwing-kem-06: ML-KEM-768 + X25519), the post-quantum key a key
 * package may advertise in its WelcomeWrapperEncryption extension (0xFF03).
 *
 * <p>The private key is the 32-byte seed from which both component key pairs are expanded (SHAKE256); libxmtp
 * stores the same 32 bytes. The public key is the ML-KEM-768 encapsulation key followed by the X25519 public
 * key, 1216 bytes. {@link #toString()} never shows the seed.
 */
public final class XWingKeyPair {

    /** Size of the private key (the seed), in bytes. */
    public static final int SEED_SIZE = 32;

    /** Size of a public key, in bytes. */
    public static final int PUBLIC_KEY_SIZE = 1216;

    /** Size of a KEM ciphertext (the HPKE {@code enc}), in bytes. */
    public static final int CIPHERTEXT_SIZE = 1120;

    private final byte[] seed;
    private final Bytes publicKey;

    private XWingKeyPair(byte[] seed) {
        this.seed = seed;
        XWingKeyPairGenerator generator = new XWingKeyPairGenerator();
        // the generator draws exactly the 32-byte seed and expands it as the draft's KeyGen does
        generator.init(new XWingKeyGenerationParameters(new FixedSecureRandom(seed)));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        this.publicKey = Bytes.copyOf(((XWingPublicKeyParameters) pair.getPublic()).getEncoded());
    }

    /** A new random key pair. */
    public static XWingKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_SIZE];
        random.nextBytes(seed);
        return new XWingKeyPair(seed);
    }

    /**
     * The key pair of a stored private key (seed).
     *
     * @throws IllegalArgumentException if the seed is not 32 bytes
     */
    public static XWingKeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("an X-Wing private key (seed) has " + SEED_SIZE + " bytes");
        }
        return new XWingKeyPair(seed.clone());
    }

    /** The 1216-byte public key. */
    public Bytes publicKey() {
        return publicKey;
    }

    /** A copy of the 32-byte private key (seed), for storing it; handle with care. */
    public byte[] seed() {
        return seed.clone();
    }

    /** Bouncy Castle's private key, for decapsulation in this package. */
    XWingPrivateKeyParameters privateParameters() {
        return new XWingPrivateKeyParameters(seed);
    }

    @Override
    public String toString() {
        return "XWingKeyPair[public=" + publicKey.toHex().substring(0, 16) + "...]";
    }
}
