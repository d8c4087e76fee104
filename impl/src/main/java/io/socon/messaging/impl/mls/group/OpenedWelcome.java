package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import io.socon.messaging.impl.mls.crypto.MlsCryptoException;
import io.socon.messaging.impl.mls.schedule.EpochSecrets;
import io.socon.messaging.impl.mls.schedule.KeySchedule;
import io.socon.messaging.impl.mls.schedule.PskSecret;
import io.socon.messaging.impl.mls.struct.GroupInfo;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import io.socon.messaging.impl.mls.struct.Welcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Welcome opened with one of our key packages (RFC 9420 section 12.4.3.1, first steps): the group secrets
 * decrypted with the key package's init key, the PSKs resolved, and the GroupInfo decrypted under the welcome
 * secret. Nothing about the group is verified yet; {@link Group#join} does that. Holds the joiner and PSK
 * secrets until {@link #destroy()}.
 */
public final class OpenedWelcome {

    /** The EncryptWithLabel label of GroupSecrets. */
    public static final String LABEL = "Welcome";
    /** The SignWithLabel label of GroupInfo signatures. */
    public static final String GROUP_INFO_LABEL = "GroupInfoTBS";

    private final GroupSecrets secrets;
    private final byte[] pskSecret;
    private final GroupInfo groupInfo;

    private OpenedWelcome(GroupSecrets secrets, byte[] pskSecret, GroupInfo groupInfo) {
        this.secrets = secrets;
        this.pskSecret = pskSecret;
        this.groupInfo = groupInfo;
    }

    /**
     * Opens {@code welcome} with {@code bundle}.
     *
     * @param psks the external PSKs the joiner knows
     * @throws GroupException if the Welcome has nothing for this key package, does not decrypt, or needs a PSK
     *                        the joiner does not have
     */
    public static OpenedWelcome open(Welcome welcome, KeyPackageBundle bundle, PskStore psks) {
        return open(welcome, bundle.keyPackage(), bundle.initKey(), psks);
    }

    /**
     * Opens {@code welcome} with a key package and its init key only.
     *
     * @throws GroupException as {@link #open(Welcome, KeyPackageBundle, PskStore)}
     */
    public static OpenedWelcome open(Welcome welcome, KeyPackage keyPackage, X25519KeyPair initKey, PskStore psks) {
        if (welcome.cipherSuite() != keyPackage.cipherSuite()) {
            throw new GroupException("the Welcome is for cipher suite " + welcome.cipherSuite()
                    + ", the key package for " + keyPackage.cipherSuite());
        }
        Bytes ref = Bytes.copyOf(Kdf.makeKeyPackageRef(keyPackage.toBytes()));
        Welcome.EncryptedGroupSecrets mine = welcome.secrets().stream()
                .filter(s -> s.newMember().equals(ref)).findFirst()
                .orElseThrow(() -> new GroupException("the Welcome holds no secrets for key package " + ref.toHex()));
        GroupSecrets secrets;
        try {
            byte[] plain = Hpke.decryptWithLabel(initKey, LABEL, welcome.encryptedGroupInfo().toByteArray(),
                    mine.encryptedGroupSecrets());
            try {
                secrets = GroupSecrets.decode(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (MlsCryptoException | MlsDecodeException e) {
            throw new GroupException("the Welcome's group secrets do not decrypt: " + e.getMessage(), e);
        }
        List<byte[]> values = new ArrayList<>();
        for (PreSharedKeyId id : secrets.psks()) {
            if (!(id instanceof PreSharedKeyId.External external)) {
                throw new GroupException("the Welcome needs a resumption PSK, which a joiner cannot have here");
            }
            values.add(psks.external(external.pskId())
                    .orElseThrow(() -> new GroupException("the Welcome needs the unknown external PSK "
                            + external.pskId().toHex())));
        }
        byte[] pskSecret = PskSecret.combine(secrets.psks(), values);
        values.forEach(v -> Arrays.fill(v, (byte) 0));
        byte[] joiner = secrets.joinerSecret().toByteArray();
        byte[] welcomeSecret = KeySchedule.welcomeSecret(joiner, pskSecret);
        byte[] key = KeySchedule.welcomeKey(welcomeSecret);
        byte[] nonce = KeySchedule.welcomeNonce(welcomeSecret);
        GroupInfo groupInfo;
        try {
            byte[] plain = Aead.open(key, nonce, new byte[0], welcome.encryptedGroupInfo().toByteArray());
            groupInfo = GroupInfo.decode(plain);
        } catch (MlsCryptoException | MlsDecodeException e) {
            throw new GroupException("the Welcome's GroupInfo does not decrypt: " + e.getMessage(), e);
        } finally {
            Arrays.fill(joiner, (byte) 0);
            Arrays.fill(welcomeSecret, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
        return new OpenedWelcome(secrets, pskSecret, groupInfo);
    }

    /** The decrypted GroupInfo (its signature not yet verified). */
    public GroupInfo groupInfo() {
        return groupInfo;
    }

    /** The decrypted group secrets. */
    public GroupSecrets groupSecrets() {
        return secrets;
    }

    /** Whether the GroupInfo's signature verifies under {@code signatureKey}. */
    public boolean signatureVerifies(Bytes signatureKey) {
        return LabeledSignature.verify(signatureKey, GROUP_INFO_LABEL, groupInfoTbs(groupInfo),
                groupInfo.signature());
    }

    /** The secrets of the epoch joined, from the joiner secret, the PSK secret and the GroupInfo's context. */
    public EpochSecrets epochSecrets() {
        byte[] joiner = secrets.joinerSecret().toByteArray();
        try {
            return KeySchedule.epochSecrets(joiner, pskSecret, groupInfo.groupContext().toBytes());
        } finally {
            Arrays.fill(joiner, (byte) 0);
        }
    }

    /** Wipes the PSK secret held here. */
    public void destroy() {
        Arrays.fill(pskSecret, (byte) 0);
    }

    /** The encoded GroupInfoTBS: every field of the GroupInfo but the signature. */
    static byte[] groupInfoTbs(GroupInfo info) {
        return new TlsWriter().write(info.groupContext()).writeList(info.extensions())
                .writeOpaque(info.confirmationTag()).writeUint32(info.signer()).toByteArray();
    }
}
