package io.socon.messaging.impl.mls.schedule;

import io.socon.messaging.impl.mls.crypto.Kdf;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secrets of one epoch that RFC 9420 section 8 derives from the epoch secret (table in section 8), plus
 * the init secret of the next epoch.
 *
 * <p>The secrets are kept in private arrays and every accessor returns a copy. {@link #toBytes()} and
 * {@link #fromBytes(byte[])} store and restore them exactly (a version byte, then the secrets in a fixed
 * order); {@link #destroy()} wipes them, after which every accessor throws. Not thread-safe for
 * {@code destroy()} racing with readers.
 */
public final class EpochSecrets {

    /** The version byte of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    /** The derived secrets in their serialized order, with their DeriveSecret labels. */
    private enum Kind {
        SENDER_DATA("sender data"),
        ENCRYPTION("encryption"),
        EXPORTER("exporter"),
        EXTERNAL("external"),
        CONFIRMATION("confirm"),
        MEMBERSHIP("membership"),
        RESUMPTION("resumption"),
        AUTHENTICATION("authentication"),
        INIT("init");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final int COUNT = Kind.values().length;
    private static final int SERIALIZED_LENGTH = 1 + COUNT * Kdf.HASH_LENGTH;

    private final byte[][] secrets;
    private boolean destroyed;

    private EpochSecrets(byte[][] secrets) {
        this.secrets = secrets;
    }

    /** Derives every secret from {@code epochSecret}; the caller keeps (and should wipe) its array. */
    public static EpochSecrets fromEpochSecret(byte[] epochSecret) {
        if (epochSecret.length != Kdf.HASH_LENGTH) {
            throw new IllegalArgumentException("epoch secret must have " + Kdf.HASH_LENGTH + " bytes");
        }
        byte[][] secrets = new byte[COUNT][];
        for (Kind kind : Kind.values()) {
            secrets[kind.ordinal()] = Kdf.deriveSecret(epochSecret, kind.label);
        }
        return new EpochSecrets(secrets);
    }

    /**
     * Restores secrets stored with {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the version or length is wrong
     */
    public static EpochSecrets fromBytes(byte[] stored) {
        Objects.requireNonNull(stored, "stored");
        if (stored.length == 0 || (stored[0] & 0xFF) != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown EpochSecrets format version");
        }
        if (stored.length != SERIALIZED_LENGTH) {
            throw new IllegalArgumentException("EpochSecrets must be " + SERIALIZED_LENGTH + " bytes, not "
                    + stored.length);
        }
        byte[][] secrets = new byte[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            int from = 1 + i * Kdf.HASH_LENGTH;
            secrets[i] = Arrays.copyOfRange(stored, from, from + Kdf.HASH_LENGTH);
        }
        return new EpochSecrets(secrets);
    }

    /** The secrets for durable storage: version byte, then each secret. The caller should wipe the array. */
    public byte[] toBytes() {
        checkAlive();
        byte[] out = new byte[SERIALIZED_LENGTH];
        out[0] = (byte) FORMAT_VERSION;
        for (int i = 0; i < COUNT; i++) {
            System.arraycopy(secrets[i], 0, out, 1 + i * Kdf.HASH_LENGTH, Kdf.HASH_LENGTH);
        }
        return out;
    }

    /** sender_data_secret: keys the encryption of PrivateMessage sender data. */
    public byte[] senderDataSecret() {
        return get(Kind.SENDER_DATA);
    }

    /** encryption_secret: the root of the secret tree. */
    public byte[] encryptionSecret() {
        return get(Kind.ENCRYPTION);
    }

    /** exporter_secret: the base of MLS-Exporter. */
    public byte[] exporterSecret() {
        return get(Kind.EXPORTER);
    }

    /** external_secret: the seed of the epoch's external HPKE key pair. */
    public byte[] externalSecret() {
        return get(Kind.EXTERNAL);
    }

    /** confirmation_key: keys the confirmation tag of commits. */
    public byte[] confirmationKey() {
        return get(Kind.CONFIRMATION);
    }

    /** membership_key: keys the membership tag of PublicMessages from members. */
    public byte[] membershipKey() {
        return get(Kind.MEMBERSHIP);
    }

    /** resumption_psk: the PSK later epochs or groups may resume from. */
    public byte[] resumptionPsk() {
        return get(Kind.RESUMPTION);
    }

    /** epoch_authenticator: a value members may compare out of band. */
    public byte[] epochAuthenticator() {
        return get(Kind.AUTHENTICATION);
    }

    /** init_secret of the next epoch. */
    public byte[] initSecret() {
        return get(Kind.INIT);
    }

    /**
     * MLS-Exporter(label, context, length) = ExpandWithLabel(DeriveSecret(exporter_secret, label),
     * "exported", Hash(context), length).
     */
    public byte[] export(byte[] label, byte[] context, int length) {
        byte[] derived = Kdf.deriveSecret(secret(Kind.EXPORTER), label);
        try {
            return Kdf.expandWithLabel(derived, "exported", Kdf.hash(context), length);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Whether {@code tag} equals the MAC of {@code confirmedTranscriptHash} under the confirmation key. */
    public boolean verifyConfirmationTag(byte[] confirmedTranscriptHash, byte[] tag) {
        return MessageDigest.isEqual(confirmationTag(confirmedTranscriptHash), tag);
    }

    /** The confirmation_tag of a commit: MAC(confirmation_key, confirmed_transcript_hash) (section 8.1). */
    public byte[] confirmationTag(byte[] confirmedTranscriptHash) {
        return Kdf.mac(secret(Kind.CONFIRMATION), confirmedTranscriptHash);
    }

    /** Wipes every secret; later calls to accessors throw {@link IllegalStateException}. */
    public void destroy() {
        for (byte[] secret : secrets) {
            Arrays.fill(secret, (byte) 0);
        }
        destroyed = true;
    }

    /** Whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of all secrets; for tests of storage round trips. */
    public boolean sameSecretsAs(EpochSecrets other) {
        checkAlive();
        other.checkAlive();
        boolean same = true;
        for (int i = 0; i < COUNT; i++) {
            same &= MessageDigest.isEqual(secrets[i], other.secrets[i]);
        }
        return same;
    }

    @Override
    public String toString() {
        return destroyed ? "EpochSecrets[destroyed]" : "EpochSecrets[…]";
    }

    private byte[] get(Kind kind) {
        return secret(kind).clone();
    }

    private byte[] secret(Kind kind) {
        checkAlive();
        return secrets[kind.ordinal()];
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("epoch secrets were destroyed");
        }
    }
}
