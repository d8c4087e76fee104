package io.socon.messaging.impl.client.welcome;

import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Kdf;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMExtractor;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMGenerator;
import org.bouncycastle.pqc.crypto.xwing.XWingPublicKeyParameters;

/**
 * HPKE (RFC 9180) in base mode with HKDF-SHA256 and ChaCha20-Poly1305, with a context that seals or opens
 * several messages in turn, as libxmtp's welcome wrapping needs. Bouncy Castle's {@code HPKE} class supports
 * only the DH KEMs, and its KEM interface cannot be implemented outside its package, so the key schedule is
 * written here once for both KEMs: DHKEM(X25519, HKDF-SHA256) and X-Wing, whose shared secret HPKE uses as it
 * is (X-Wing draft 06, section 5.3; hpke-rs does the same). For X-Wing, mind the KEM id in the key schedule's
 * suite id: see {@link #KEM_XWING}.
 */
final class WrapperHpke {

    /** HPKE KDF id of HKDF-SHA256. */
    static final int KDF_HKDF_SHA256 = 0x0001;

    /** HPKE AEAD id of ChaCha20-Poly1305. */
    static final int AEAD_CHACHA20_POLY1305 = 0x0003;

    /** HPKE KEM id of DHKEM(X25519, HKDF-SHA256). */
    static final int KEM_X25519 = 0x0020;

    /**
     * The KEM id libxmtp puts into the HPKE suite id for X-Wing welcomes, and so the one we seal with: 0x004D, the
     * code point hpke-rs gave X-Wing until 0.5.0. The libxmtp releases 1.9 and 1.10 shipped on hpke-rs 0.4, where
     * it was X-Wing's only code point, and libxmtp 1.11 pins it on a newer hpke-rs (its
     * {@code KemAlgorithm::XWingDraft06Obsolete}) so that its welcomes still open for those releases. A welcome
     * sealed under another KEM id derives other AEAD keys, which libxmtp reports as "HPKE error: Decryption
     * failed". X-Wing itself (the KEM's shared secret and ciphertext) is the same under either id.
     */
    static final int KEM_XWING = 0x004D;

    /**
     * X-Wing's code point in draft-ietf-hpke-pq (MLKEM768-X25519), 0x647A, which hpke-rs 0.5 and later calls
     * {@code XWingDraft06}. libxmtp means to move to it one day, and its development builds on hpke-rs 0.6 (its
     * main branch from March to May 2026) sealed with it, so it is tried when opening, after {@link #KEM_XWING}
     * fails; we never seal with it.
     */
    static final int KEM_XWING_HPKE_PQ = 0x647A;

    private static final byte[] VERSION_LABEL = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];
    private static final int X25519_SIZE = 32;

    private WrapperHpke() {
    }

    /** A KEM's output on the sender's side. */
    record Encapsulation(byte[] sharedSecret, byte[] enc) {
    }

    /** A KEM as HPKE uses it. */
    interface Kem {

        /** The size of a public key. */
        int publicKeyLength();

        /** The size of the KEM output {@code enc}. */
        int encLength();

        /**
         * Encap(pkR).
         *
         * @throws WelcomeWrapException {@code INVALID_RECIPIENT_KEY} if the public key is unusable
         */
        Encapsulation encapsulate(byte[] publicKey, SecureRandom random);

        /**
         * Decap(enc, skR).
         *
         * @throws WelcomeWrapException {@code MALFORMED} if {@code enc} is unusable
         */
        byte[] decapsulate(byte[] enc, byte[] privateKey);

        /** The public key of a private key. */
        byte[] publicKeyOf(byte[] privateKey);
    }

    /** The KEM of {@code algorithm}. */
    static Kem kem(WelcomeWrapAlgorithm algorithm) {
        return switch (algorithm) {
            case CURVE25519 -> DhKemX25519.INSTANCE;
            case XWING_MLKEM_768_DRAFT_6 -> XWingKem.INSTANCE;
        };
    }

    /** DHKEM(X25519, HKDF-SHA256), RFC 9180 section 4.1. */
    static final class DhKemX25519 implements Kem {

        static final DhKemX25519 INSTANCE = new DhKemX25519();

        private static final byte[] SUITE_ID = {'K', 'E', 'M', 0x00, 0x20};

        private DhKemX25519() {
        }

        @Override
        public int publicKeyLength() {
            return X25519_SIZE;
        }

        @Override
        public int encLength() {
            return X25519_SIZE;
        }

        @Override
        public Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
            X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
            byte[] enc = ephemeral.generatePublicKey().getEncoded();
            byte[] dh = agree(ephemeral, publicKey, WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY);
            return new Encapsulation(extractAndExpand(dh, concat(enc, publicKey)), enc);
        }

        @Override
        public byte[] decapsulate(byte[] enc, byte[] privateKey) {
            X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(privateKey, 0);
            byte[] dh = agree(key, enc, WelcomeWrapException.Reason.MALFORMED);
            return extractAndExpand(dh, concat(enc, key.generatePublicKey().getEncoded()));
        }

        @Override
        public byte[] publicKeyOf(byte[] privateKey) {
            return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
        }

        private static byte[] agree(X25519PrivateKeyParameters privateKey, byte[] publicKey,
                                    WelcomeWrapException.Reason onFailure) {
            X25519Agreement agreement = new X25519Agreement();
            agreement.init(privateKey);
            byte[] dh = new byte[agreement.getAgreementSize()];
            try {
                agreement.calculateAgreement(new X25519PublicKeyParameters(publicKey, 0), dh, 0);
            } catch (IllegalStateException e) {
                // Bouncy Castle refuses an all-zero result, i.e. a small-order point (RFC 9180 section 7.1.4)
                throw new WelcomeWrapException(onFailure, "X25519 key agreement failed: small-order public key", e);
            }
            return dh;
        }

        private static byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
            byte[] prk = labeledExtract(SUITE_ID, EMPTY, "eae_prk", dh);
            byte[] sharedSecret = labeledExpand(SUITE_ID, prk, "shared_secret", kemContext, X25519_SIZE);
            Arrays.fill(prk, (byte) 0);
            Arrays.fill(dh, (byte) 0);
            return sharedSecret;
        }
    }

    /** X-Wing (draft-connolly-cfrg-xwing-kem-06), Bouncy Castle's implementation. */
    static final class XWingKem implements Kem {

        static final XWingKem INSTANCE = new XWingKem();

        private XWingKem() {
        }

        @Override
        public int publicKeyLength() {
            return XWingKeyPair.PUBLIC_KEY_SIZE;
        }

        @Override
        public int encLength() {
            return XWingKeyPair.CIPHERTEXT_SIZE;
        }

        @Override
        public Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
            SecretWithEncapsulation result;
            try {
                result = new XWingKEMGenerator(random).generateEncapsulated(new XWingPublicKeyParameters(publicKey));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new WelcomeWrapException(WelcomeWrapException.Reason.INVALID_RECIPIENT_KEY,
                        "X-Wing encapsulation failed: " + e.getMessage(), e);
            }
            return new Encapsulation(result.getSecret(), result.getEncapsulation());
        }

        @Override
        public byte[] decapsulate(byte[] enc, byte[] privateKey) {
            try {
                return new XWingKEMExtractor(XWingKeyPair.fromSeed(privateKey).privateParameters())
                        .extractSecret(enc);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new WelcomeWrapException(WelcomeWrapException.Reason.MALFORMED,
                        "X-Wing decapsulation failed: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] publicKeyOf(byte[] privateKey) {
            return XWingKeyPair.fromSeed(privateKey).publicKey().toByteArray();
        }
    }

    /**
     * An HPKE encryption context (RFC 9180 section 5.2): the AEAD key and base nonce from the key schedule, and
     * the sequence number that makes each message's nonce. Not thread-safe.
     */
    static final class Context {

        private final byte[] key;
        private final byte[] baseNonce;
        private long sequence;

        private Context(byte[] key, byte[] baseNonce) {
            this.key = key;
            this.baseNonce = baseNonce;
        }

        /** KeySchedule(mode_base, shared_secret, info, "", "") for {@code kemId}, HKDF-SHA256, ChaCha20-Poly1305. */
        static Context keySchedule(int kemId, byte[] sharedSecret, byte[] info) {
            byte[] suiteId = {'H', 'P', 'K', 'E', (byte) (kemId >>> 8), (byte) kemId,
                    0x00, (byte) KDF_HKDF_SHA256, 0x00, (byte) AEAD_CHACHA20_POLY1305};
            byte[] pskIdHash = labeledExtract(suiteId, EMPTY, "psk_id_hash", EMPTY);
            byte[] infoHash = labeledExtract(suiteId, EMPTY, "info_hash", info);
            byte[] context = new byte[1 + pskIdHash.length + infoHash.length];
            context[0] = 0x00; // mode_base
            System.arraycopy(pskIdHash, 0, context, 1, pskIdHash.length);
            System.arraycopy(infoHash, 0, context, 1 + pskIdHash.length, infoHash.length);
            // secret = LabeledExtract(shared_secret, "secret", psk), with an empty psk in base mode
            byte[] secret = labeledExtract(suiteId, sharedSecret, "secret", EMPTY);
            byte[] key = labeledExpand(suiteId, secret, "key", context, Aead.KEY_LENGTH);
            byte[] baseNonce = labeledExpand(suiteId, secret, "base_nonce", context, Aead.NONCE_LENGTH);
            Arrays.fill(secret, (byte) 0);
            return new Context(key, baseNonce);
        }

        /** ContextS.Seal(aad, pt): encrypts with the next nonce. */
        byte[] seal(byte[] aad, byte[] plaintext) {
            byte[] ciphertext = Aead.seal(key, nextNonce(), aad, plaintext);
            sequence++;
            return ciphertext;
        }

        /**
         * ContextR.Open(aad, ct): decrypts with the next nonce; the sequence number moves on only on success.
         *
         * @throws io.socon.messaging.impl.mls.crypto.MlsCryptoException if the ciphertext does not authenticate
         */
        byte[] open(byte[] aad, byte[] ciphertext) {
            byte[] plaintext = Aead.open(key, nextNonce(), aad, ciphertext);
            sequence++;
            return plaintext;
        }

        /** The AEAD key; for known-answer tests. */
        byte[] key() {
            return key.clone();
        }

        /** The base nonce; for known-answer tests. */
        byte[] baseNonce() {
            return baseNonce.clone();
        }

        private byte[] nextNonce() {
            // nonce = base_nonce XOR I2OSP(seq, Nn); a long never reaches the RFC's limit of 2^96 - 1
            byte[] nonce = baseNonce.clone();
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
            return nonce;
        }
    }

    /** LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
    static byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        return Kdf.extract(salt, concat(VERSION_LABEL, suiteId, labelBytes, ikm));
    }

    /** LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L). */
    static byte[] labeledExpand(byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] lengthBytes = {(byte) (length >>> 8), (byte) length};
        return Kdf.expand(prk, concat(lengthBytes, VERSION_LABEL, suiteId, labelBytes, info), length);
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
