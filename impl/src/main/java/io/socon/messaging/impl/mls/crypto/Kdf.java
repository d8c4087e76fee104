package io.socon.messaging.impl.mls.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The key derivation and hash functions of MLS cipher suite 3 (HKDF-SHA256 and SHA-256), with the labelled
 * forms RFC 9420 builds on them (sections 5.1, 5.2 and 8).
 *
 * <p>All methods are static, thread-safe and return fresh arrays that the caller owns (and should wipe when
 * they hold secrets). Labels are given without the {@code "MLS 1.0 "} prefix, which is added here, except for
 * {@link #refHash}, whose labels are complete as RFC 9420 writes them.
 */
public final class Kdf {

    /** Nh: the output size of the hash and of {@link #extract}, in bytes. */
    public static final int HASH_LENGTH = 32;

    /** The prefix of every label in KDFLabel and EncryptContext. */
    public static final String LABEL_PREFIX = "MLS 1.0 ";

    /** The full label of key package references. */
    public static final String KEY_PACKAGE_REF_LABEL = "MLS 1.0 KeyPackage Reference";

    /** The full label of proposal references. */
    public static final String PROPOSAL_REF_LABEL = "MLS 1.0 Proposal Reference";

    private static final byte[] PREFIX_BYTES = LABEL_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private Kdf() {
    }

    /** Hash: SHA-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** SHA-256 of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, offset, length);
        byte[] out = new byte[HASH_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** Nh zero bytes, the stand-in for an absent secret (RFC 9420 section 8). */
    public static byte[] zeros() {
        return new byte[HASH_LENGTH];
    }

    /** KDF.Extract: HKDF-Extract(salt, ikm) = HMAC-SHA256(key = salt, ikm). An empty salt acts as Nh zeros. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        HMac mac = newMac(salt);
        mac.update(ikm, 0, ikm.length);
        byte[] out = new byte[HASH_LENGTH];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * KDF.Expand: HKDF-Expand(prk, info, length).
     *
     * @throws IllegalArgumentException if {@code length} is negative or more than 255 * Nh
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        HMac mac = newMac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[HASH_LENGTH];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            if (counter > 1) {
                mac.update(block, 0, HASH_LENGTH);
            }
            mac.update(info, 0, info.length);
            mac.update((byte) counter);
            mac.doFinal(block, 0);
            int take = Math.min(HASH_LENGTH, length - written);
            System.arraycopy(block, 0, out, written, take);
            written += take;
        }
        Arrays.fill(block, (byte) 0);
        return out;
    }

    /**
     * ExpandWithLabel(secret, label, context, length) = KDF.Expand(secret, KDFLabel, length), where KDFLabel
     * is {@code struct { uint16 length; opaque label<V> = "MLS 1.0 " + label; opaque context<V>; }}.
     */
    public static byte[] expandWithLabel(byte[] secret, String label, byte[] context, int length) {
        return expand(secret, kdfLabel(label, context, length), length);
    }

    /** DeriveSecret(secret, label) = ExpandWithLabel(secret, label, "", Nh). */
    public static byte[] deriveSecret(byte[] secret, String label) {
        return expandWithLabel(secret, label, EMPTY, HASH_LENGTH);
    }

    /**
     * DeriveTreeSecret(secret, label, generation, length) = ExpandWithLabel(secret, label, generation as
     * uint32, length), used by the secret tree (RFC 9420 section 9).
     *
     * @param generation an unsigned 32-bit value
     */
    public static byte[] deriveTreeSecret(byte[] secret, String label, long generation, int length) {
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("generation is a uint32: " + generation);
        }
        byte[] context = {
            (byte) (generation >>> 24), (byte) (generation >>> 16), (byte) (generation >>> 8), (byte) generation
        };
        return expandWithLabel(secret, label, context, length);
    }

    /**
     * RefHash(label, value) = Hash(RefHashInput) with
     * {@code struct { opaque label<V>; opaque value<V>; } RefHashInput}. The label is used as given.
     */
    public static byte[] refHash(String label, byte[] value) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        SHA256Digest digest = new SHA256Digest();
        updateVarint(digest, labelBytes.length);
        digest.update(labelBytes, 0, labelBytes.length);
        updateVarint(digest, value.length);
        digest.update(value, 0, value.length);
        byte[] out = new byte[HASH_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** MakeKeyPackageRef: the reference of an encoded KeyPackage (without its MLSMessage wrapper). */
    public static byte[] makeKeyPackageRef(byte[] encodedKeyPackage) {
        return refHash(KEY_PACKAGE_REF_LABEL, encodedKeyPackage);
    }

    /** MakeProposalRef: the reference of an encoded AuthenticatedContent carrying a proposal. */
    public static byte[] makeProposalRef(byte[] encodedAuthenticatedContent) {
        return refHash(PROPOSAL_REF_LABEL, encodedAuthenticatedContent);
    }

    /** The encoded KDFLabel structure for {@code label} (without prefix), {@code context} and {@code length}. */
    static byte[] kdfLabel(String label, byte[] context, int length) {
        if (length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("KDFLabel length is a uint16: " + length);
        }
        int labelLength = PREFIX_BYTES.length + label.length();
        int labelPrefix = varintSize(labelLength);
        int contextPrefix = varintSize(context.length);
        byte[] out = new byte[2 + labelPrefix + labelLength + contextPrefix + context.length];
        out[0] = (byte) (length >>> 8);
        out[1] = (byte) length;
        int at = putVarint(out, 2, labelLength);
        System.arraycopy(PREFIX_BYTES, 0, out, at, PREFIX_BYTES.length);
        at += PREFIX_BYTES.length;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("labels are ASCII: " + label);
            }
            out[at++] = (byte) c;
        }
        at = putVarint(out, at, context.length);
        System.arraycopy(context, 0, out, at, context.length);
        return out;
    }

    private static HMac newMac(byte[] key) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key.length == 0 ? new byte[HASH_LENGTH] : key));
        return mac;
    }

    private static void updateVarint(SHA256Digest digest, int value) {
        byte[] prefix = new byte[4];
        int size = putVarint(prefix, 0, value);
        digest.update(prefix, 0, size);
    }

    private static int varintSize(int value) {
        if (value < 1 << 6) {
            return 1;
        }
        return value < 1 << 14 ? 2 : 4;
    }

    /** Writes the shortest MLS variable-length integer at {@code at}; returns the offset after it. */
    private static int putVarint(byte[] out, int at, int value) {
        switch (varintSize(value)) {
            case 1 -> out[at++] = (byte) value;
            case 2 -> {
                out[at++] = (byte) (0x40 | value >>> 8);
                out[at++] = (byte) value;
            }
            default -> {
                if (value >= 1 << 30) {
                    throw new IllegalArgumentException("vector too long for MLS: " + value);
                }
                out[at++] = (byte) (0x80 | value >>> 24);
                out[at++] = (byte) (value >>> 16);
                out[at++] = (byte) (value >>> 8);
                out[at++] = (byte) value;
            }
        }
        return at;
    }
}
