package io.socon.messaging.impl.mls.protection;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import io.socon.messaging.impl.mls.crypto.MlsCryptoException;
import io.socon.messaging.impl.mls.framing.AuthenticatedContent;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.FramedContent;
import io.socon.messaging.impl.mls.framing.FramedContentAuthData;
import io.socon.messaging.impl.mls.framing.MessageContent;
import io.socon.messaging.impl.mls.framing.PrivateMessage;
import io.socon.messaging.impl.mls.framing.PublicMessage;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.secret.RatchetKey;
import io.socon.messaging.impl.mls.secret.RatchetType;
import io.socon.messaging.impl.mls.secret.SecretTree;
import io.socon.messaging.impl.mls.secret.SecretTreeException;
import io.socon.messaging.impl.mls.secret.SenderDataKeys;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Protects and unprotects the framed messages of one epoch (RFC 9420 sections 6.1 to 6.3).
 *
 * <p>PublicMessage: the content is signed over FramedContentTBS and, for member senders, tagged with
 * MAC(membership_key, AuthenticatedContentTBM). Application data is never sent as a PublicMessage.
 * PrivateMessage: the signed content, its auth data and zero padding are sealed with the sender's ratchet
 * key (nonce XORed with a random reuse guard), and the sender's leaf index, generation and reuse guard are
 * sealed with keys from the sender data secret and a sample of the ciphertext.
 *
 * <p>Unprotecting checks the group id and epoch against the GroupContext, decrypts, checks the padding, the
 * membership tag and the signature, and returns the AuthenticatedContent. It does not check confirmation tags
 * (that needs the next epoch's key schedule) nor whether the sender may send this content. A ratchet key
 * taken for a message is deleted even if the message then fails to verify.
 *
 * <p>Holds copies of the membership key and sender data secret ({@link #destroy()} wipes them) and uses the
 * epoch's {@link SecretTree}, which it does not own. Not thread-safe.
 */
public final class MessageProtector {

    /** Finds the signature public key of a sender, or null when the sender is unknown. */
    @FunctionalInterface
    public interface SignatureKeys {
        /** The sender's Ed25519 public key, or null. */
        Bytes of(Sender sender);
    }

    private static final String TBS_LABEL = "FramedContentTBS";

    private final GroupContext groupContext;
    private final byte[] encodedGroupContext;
    private final byte[] membershipKey;
    private final byte[] senderDataSecret;
    private final SecretTree secretTree;
    private final SecureRandom random;

    /**
     * A protector for the epoch of {@code groupContext}.
     *
     * @param membershipKey    the epoch's membership_key (copied)
     * @param senderDataSecret the epoch's sender_data_secret (copied)
     * @param secretTree       the epoch's secret tree (shared, not copied)
     * @param random           for reuse guards
     */
    public MessageProtector(GroupContext groupContext, byte[] membershipKey, byte[] senderDataSecret,
                            SecretTree secretTree, SecureRandom random) {
        this.groupContext = Objects.requireNonNull(groupContext, "groupContext");
        this.encodedGroupContext = groupContext.toBytes();
        this.membershipKey = membershipKey.clone();
        this.senderDataSecret = senderDataSecret.clone();
        this.secretTree = Objects.requireNonNull(secretTree, "secretTree");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Signs {@code content} and wraps it in a PublicMessage, with a membership tag for member senders.
     *
     * @param confirmationTag required for commits, absent otherwise
     * @throws IllegalArgumentException for application content, or a confirmation tag that does not fit
     */
    public PublicMessage protectPublic(FramedContent content, Ed25519KeyPair signer,
                                       Optional<Bytes> confirmationTag) {
        if (content.contentType() == ContentType.APPLICATION) {
            throw new IllegalArgumentException("application data must not be sent as a PublicMessage");
        }
        checkOwnEpoch(content);
        byte[] tbs = framedContentTbs(WireFormat.PUBLIC_MESSAGE, content);
        FramedContentAuthData auth = new FramedContentAuthData(LabeledSignature.sign(signer, TBS_LABEL, tbs),
                confirmationTag);
        checkTag(content, auth);
        Optional<Bytes> membershipTag = content.sender().isMember()
                ? Optional.of(Bytes.copyOf(membershipTag(tbs, auth)))
                : Optional.empty();
        return new PublicMessage(content, auth, membershipTag);
    }

    /**
     * Verifies a PublicMessage: group and epoch, membership tag (member senders), signature.
     *
     * @throws MessageRejectedException if any check fails
     */
    public AuthenticatedContent unprotectPublic(PublicMessage message, SignatureKeys keys) {
        FramedContent content = message.content();
        if (content.contentType() == ContentType.APPLICATION) {
            throw new MessageRejectedException("application data in a PublicMessage");
        }
        checkReceivedEpoch(content.groupId(), content.epoch());
        byte[] tbs = framedContentTbs(WireFormat.PUBLIC_MESSAGE, content);
        if (message.membershipTag().isPresent()) {
            byte[] expected = membershipTag(tbs, message.auth());
            if (!MessageDigest.isEqual(expected, message.membershipTag().get().toByteArray())) {
                throw new MessageRejectedException("membership tag does not verify");
            }
        }
        verifySignature(content, tbs, message.auth(), keys);
        return new AuthenticatedContent(WireFormat.PUBLIC_MESSAGE, content, message.auth());
    }

    /**
     * Signs {@code content} (from a member) and encrypts it into a PrivateMessage with the next key of the
     * sender's ratchet.
     *
     * @param confirmationTag required for commits, absent otherwise
     * @param paddingBlock    pad the plaintext with zeros to a multiple of this many bytes (0 or 1: no padding)
     */
    public PrivateMessage protectPrivate(FramedContent content, Ed25519KeyPair signer,
                                         Optional<Bytes> confirmationTag, int paddingBlock) {
        if (!content.sender().isMember()) {
            throw new IllegalArgumentException("only members send PrivateMessages");
        }
        if (paddingBlock < 0) {
            throw new IllegalArgumentException("paddingBlock must not be negative");
        }
        checkOwnEpoch(content);
        byte[] tbs = framedContentTbs(WireFormat.PRIVATE_MESSAGE, content);
        FramedContentAuthData auth = new FramedContentAuthData(LabeledSignature.sign(signer, TBS_LABEL, tbs),
                confirmationTag);
        checkTag(content, auth);

        TlsWriter plain = new TlsWriter(256);
        plain.write(content.content()).write(auth);
        int unpadded = plain.size();
        if (paddingBlock > 1 && unpadded % paddingBlock != 0) {
            plain.writeRaw(new byte[paddingBlock - unpadded % paddingBlock]);
        }
        byte[] plaintext = plain.toByteArray();

        int leaf = Math.toIntExact(content.sender().index());
        RatchetKey key = secretTree.nextKey(leaf, RatchetType.of(content.contentType()));
        byte[] reuseGuard = new byte[RatchetKey.REUSE_GUARD_LENGTH];
        random.nextBytes(reuseGuard);
        byte[] ciphertext;
        byte[] contentKey = key.key();
        try {
            ciphertext = Aead.seal(contentKey, key.nonceWithReuseGuard(reuseGuard),
                    contentAad(content.contentType(), content.authenticatedData()), plaintext);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
            key.destroy();
        }

        byte[] senderData = new TlsWriter(12).writeUint32(leaf).writeUint32(key.generation()).writeRaw(reuseGuard)
                .toByteArray();
        byte[] senderDataKey = SenderDataKeys.key(senderDataSecret, ciphertext);
        byte[] encryptedSenderData;
        try {
            encryptedSenderData = Aead.seal(senderDataKey, SenderDataKeys.nonce(senderDataSecret, ciphertext),
                    senderDataAad(content.contentType()), senderData);
        } finally {
            Arrays.fill(senderDataKey, (byte) 0);
        }
        return new PrivateMessage(groupContext.groupId(), groupContext.epoch(), content.contentType(),
                content.authenticatedData(), Bytes.copyOf(encryptedSenderData), Bytes.copyOf(ciphertext));
    }

    /**
     * Decrypts and verifies a PrivateMessage: group and epoch, sender data, content, padding, signature.
     *
     * @throws MessageRejectedException if any check fails
     */
    public AuthenticatedContent unprotectPrivate(PrivateMessage message, SignatureKeys keys) {
        checkReceivedEpoch(message.groupId(), message.epoch());
        ContentType type = message.contentType();
        byte[] ciphertext = message.ciphertext().toByteArray();

        byte[] senderDataKey = SenderDataKeys.key(senderDataSecret, ciphertext);
        byte[] senderData;
        try {
            senderData = Aead.open(senderDataKey, SenderDataKeys.nonce(senderDataSecret, ciphertext),
                    senderDataAad(type), message.encryptedSenderData().toByteArray());
        } catch (MlsCryptoException e) {
            throw new MessageRejectedException("sender data does not decrypt", e);
        } finally {
            Arrays.fill(senderDataKey, (byte) 0);
        }
        if (senderData.length != 12) {
            throw new MessageRejectedException("sender data must be 12 bytes, not " + senderData.length);
        }
        TlsReader senderReader = TlsReader.over(senderData);
        long leaf = senderReader.readUint32("SenderData.leaf_index");
        long generation = senderReader.readUint32("SenderData.generation");
        byte[] reuseGuard = senderReader.readFixed(4, "SenderData.reuse_guard").toByteArray();
        if (leaf >= secretTree.leafCount()) {
            throw new MessageRejectedException("sender leaf " + leaf + " is outside the tree");
        }

        RatchetKey key;
        try {
            key = secretTree.keyFor((int) leaf, RatchetType.of(type), generation);
        } catch (SecretTreeException e) {
            throw new MessageRejectedException("no key for this message: " + e.getMessage(), e);
        }
        byte[] plaintext;
        byte[] contentKey = key.key();
        try {
            plaintext = Aead.open(contentKey, key.nonceWithReuseGuard(reuseGuard),
                    contentAad(type, message.authenticatedData()), ciphertext);
        } catch (MlsCryptoException e) {
            throw new MessageRejectedException("content does not decrypt", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
            key.destroy();
        }

        MessageContent body;
        FramedContentAuthData auth;
        try {
            TlsReader in = TlsReader.over(plaintext);
            body = MessageContent.readFrom(in, type);
            auth = FramedContentAuthData.readFrom(in, type);
            while (in.hasRemaining()) {
                if (in.readUint8("PrivateMessageContent.padding") != 0) {
                    throw new MessageRejectedException("padding is not all zeros");
                }
            }
        } catch (MlsDecodeException e) {
            throw new MessageRejectedException("malformed PrivateMessageContent: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        FramedContent content = new FramedContent(message.groupId(), message.epoch(), Sender.member(leaf),
                message.authenticatedData(), body);
        verifySignature(content, framedContentTbs(WireFormat.PRIVATE_MESSAGE, content), auth, keys);
        return new AuthenticatedContent(WireFormat.PRIVATE_MESSAGE, content, auth);
    }

    /** Wipes the membership key and sender data secret held here (not the shared secret tree). */
    public void destroy() {
        Arrays.fill(membershipKey, (byte) 0);
        Arrays.fill(senderDataSecret, (byte) 0);
    }

    /** The encoded FramedContentTBS for {@code content} sent as {@code wireFormat}. */
    public byte[] framedContentTbs(WireFormat wireFormat, FramedContent content) {
        TlsWriter out = new TlsWriter(encodedGroupContext.length + 256);
        out.writeUint16(ProtocolVersion.MLS10).writeUint16(wireFormat.code()).write(content);
        int senderType = content.sender().type();
        if (senderType == Sender.MEMBER || senderType == Sender.NEW_MEMBER_COMMIT) {
            out.writeRaw(encodedGroupContext);
        }
        return out.toByteArray();
    }

    private byte[] membershipTag(byte[] tbs, FramedContentAuthData auth) {
        TlsWriter tbm = new TlsWriter(tbs.length + auth.signature().length() + 48);
        tbm.writeRaw(tbs).write(auth);
        return Kdf.mac(membershipKey, tbm.toByteArray());
    }

    private static void verifySignature(FramedContent content, byte[] tbs, FramedContentAuthData auth,
                                        SignatureKeys keys) {
        Bytes publicKey = keys.of(content.sender());
        if (publicKey == null) {
            throw new MessageRejectedException("unknown sender " + content.sender());
        }
        if (!LabeledSignature.verify(publicKey, TBS_LABEL, tbs, auth.signature())) {
            throw new MessageRejectedException("signature does not verify");
        }
    }

    private void checkOwnEpoch(FramedContent content) {
        if (!content.groupId().equals(groupContext.groupId()) || content.epoch() != groupContext.epoch()) {
            throw new IllegalArgumentException("content is for another group or epoch");
        }
    }

    private void checkReceivedEpoch(Bytes groupId, long epoch) {
        if (!groupId.equals(groupContext.groupId())) {
            throw new MessageRejectedException("message is for another group");
        }
        if (epoch != groupContext.epoch()) {
            throw new MessageRejectedException("message is for epoch " + Long.toUnsignedString(epoch)
                    + ", not " + Long.toUnsignedString(groupContext.epoch()));
        }
    }

    private static void checkTag(FramedContent content, FramedContentAuthData auth) {
        if (auth.confirmationTag().isPresent() != (content.contentType() == ContentType.COMMIT)) {
            throw new IllegalArgumentException("a confirmation tag goes with commits and only with them");
        }
    }

    private byte[] contentAad(ContentType type, Bytes authenticatedData) {
        return new TlsWriter(groupContext.groupId().length() + authenticatedData.length() + 16)
                .writeOpaque(groupContext.groupId())
                .writeUint64(groupContext.epoch())
                .writeUint8(type.code())
                .writeOpaque(authenticatedData)
                .toByteArray();
    }

    private byte[] senderDataAad(ContentType type) {
        return new TlsWriter(groupContext.groupId().length() + 16)
                .writeOpaque(groupContext.groupId())
                .writeUint64(groupContext.epoch())
                .writeUint8(type.code())
                .toByteArray();
    }
}
