package io.socon.messaging.impl.mls.schedule;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.GroupContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The key schedule of RFC 9420 section 8 for cipher suite 3.
 *
 * <pre>
 * joiner_secret = ExpandWithLabel(Extract(salt = init_secret[n-1], ikm = commit_secret), "joiner", GroupContext[n], Nh)
 * member        = Extract(salt = joiner_secret, ikm = psk_secret)
 * welcome_secret = DeriveSecret(member, "welcome")
 * epoch_secret   = ExpandWithLabel(member, "epoch", GroupContext[n], Nh)
 * </pre>
 *
 * <p>A committer runs {@link #joinerSecret} and then {@link #epochSecrets}; a new member who got the joiner
 * secret from a Welcome starts at {@link #welcomeSecret} and {@link #epochSecrets}. An absent commit or PSK
 * secret is {@link Kdf#zeros()}. Inputs are not modified; outputs are fresh arrays the caller owns.
 */
public final class KeySchedule {

    /** The label of the HPKE export that yields the init secret of an external commit. */
    static final byte[] EXTERNAL_INIT_LABEL = "MLS 1.0 external init secret".getBytes(StandardCharsets.US_ASCII);

    private KeySchedule() {
    }

    /** A random init secret for the first epoch of a new group. */
    public static byte[] initialInitSecret(SecureRandom random) {
        byte[] secret = new byte[Kdf.HASH_LENGTH];
        random.nextBytes(secret);
        return secret;
    }

    /** The joiner_secret of the epoch whose GroupContext encodes to {@code groupContext}. */
    public static byte[] joinerSecret(byte[] initSecret, byte[] commitSecret, byte[] groupContext) {
        byte[] extracted = Kdf.extract(initSecret, commitSecret);
        try {
            return Kdf.expandWithLabel(extracted, "joiner", groupContext, Kdf.HASH_LENGTH);
        } finally {
            Arrays.fill(extracted, (byte) 0);
        }
    }

    /** The welcome_secret, which keys the GroupInfo in a Welcome. */
    public static byte[] welcomeSecret(byte[] joinerSecret, byte[] pskSecret) {
        byte[] member = Kdf.extract(joinerSecret, pskSecret);
        try {
            return Kdf.deriveSecret(member, "welcome");
        } finally {
            Arrays.fill(member, (byte) 0);
        }
    }

    /** The epoch_secret of the epoch whose GroupContext encodes to {@code groupContext}. */
    public static byte[] epochSecret(byte[] joinerSecret, byte[] pskSecret, byte[] groupContext) {
        byte[] member = Kdf.extract(joinerSecret, pskSecret);
        try {
            return Kdf.expandWithLabel(member, "epoch", groupContext, Kdf.HASH_LENGTH);
        } finally {
            Arrays.fill(member, (byte) 0);
        }
    }

    /** Every secret derived from the epoch secret; the epoch secret itself is wiped before returning. */
    public static EpochSecrets epochSecrets(byte[] joinerSecret, byte[] pskSecret, byte[] groupContext) {
        byte[] epochSecret = epochSecret(joinerSecret, pskSecret, groupContext);
        try {
            return EpochSecrets.fromEpochSecret(epochSecret);
        } finally {
            Arrays.fill(epochSecret, (byte) 0);
        }
    }

    /** The whole step from the previous init secret to the secrets of the epoch of {@code groupContext}. */
    public static EpochSecrets advance(byte[] initSecret, byte[] commitSecret, byte[] pskSecret,
                                       GroupContext groupContext) {
        byte[] context = groupContext.toBytes();
        byte[] joiner = joinerSecret(initSecret, commitSecret, context);
        try {
            return epochSecrets(joiner, pskSecret, context);
        } finally {
            Arrays.fill(joiner, (byte) 0);
        }
    }

    /** The AEAD key for the GroupInfo of a Welcome: ExpandWithLabel(welcome_secret, "key", "", Nk). */
    public static byte[] welcomeKey(byte[] welcomeSecret) {
        return Kdf.expandWithLabel(welcomeSecret, "key", new byte[0], Aead.KEY_LENGTH);
    }

    /** The AEAD nonce for the GroupInfo of a Welcome: ExpandWithLabel(welcome_secret, "nonce", "", Nn). */
    public static byte[] welcomeNonce(byte[] welcomeSecret) {
        return Kdf.expandWithLabel(welcomeSecret, "nonce", new byte[0], Aead.NONCE_LENGTH);
    }

    /** The epoch's external HPKE key pair, DeriveKeyPair(external_secret); its public key is external_pub. */
    public static X25519KeyPair externalKeyPair(byte[] externalSecret) {
        return Hpke.deriveKeyPair(externalSecret);
    }

    /**
     * The joiner's side of an external commit (section 8.3): encapsulates to the group's external_pub and
     * exports the init secret that replaces the previous epoch's.
     */
    public static ExternalInit externalInit(Bytes externalPublicKey, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Hpke.Export export = Hpke.sendExport(externalPublicKey, new byte[0], EXTERNAL_INIT_LABEL, Kdf.HASH_LENGTH,
                X25519KeyPair.generate(random));
        return new ExternalInit(export.kemOutput(), export.takeSecret());
    }

    /** The group's side of an external commit: the init secret from the ExternalInit proposal's kem_output. */
    public static byte[] externalInitSecret(byte[] externalSecret, Bytes kemOutput) {
        X25519KeyPair pair = externalKeyPair(externalSecret);
        return Hpke.receiveExport(pair, kemOutput, new byte[0], EXTERNAL_INIT_LABEL, Kdf.HASH_LENGTH);
    }

    /**
     * The result of {@link #externalInit}: the kem_output for the ExternalInit proposal and the init secret.
     */
    public static final class ExternalInit {
        private final Bytes kemOutput;
        private final byte[] initSecret;

        ExternalInit(Bytes kemOutput, byte[] initSecret) {
            this.kemOutput = kemOutput;
            this.initSecret = initSecret;
        }

        /** The kem_output to send in the ExternalInit proposal. */
        public Bytes kemOutput() {
            return kemOutput;
        }

        /** A copy of the init secret to feed into {@link #joinerSecret}. */
        public byte[] initSecret() {
            return initSecret.clone();
        }

        /** Wipes the init secret. */
        public void destroy() {
            Arrays.fill(initSecret, (byte) 0);
        }
    }
}
