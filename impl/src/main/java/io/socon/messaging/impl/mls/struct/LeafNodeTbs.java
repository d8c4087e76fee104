package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import java.util.List;
import java.util.Objects;

/**
 * The signed part of a leaf node (RFC 9420 section 7.2, {@code LeafNodeTBS}): everything but the signature.
 *
 * <p>For a key package leaf the to-be-signed bytes are exactly these fields. For update and commit leaves
 * RFC 9420 appends the group id and the leaf index, so those need {@link #toBytes(Bytes, long)}.
 *
 * @param encryptionKey the leaf's HPKE public key ({@code HPKEPublicKey encryption_key})
 * @param signatureKey  the leaf's signature public key (in XMTP, the installation key)
 * @param credential    who the leaf belongs to
 * @param capabilities  what the client supports
 * @param source        how the leaf came to be, with the data that depends on it
 * @param extensions    the leaf's extensions
 */
public record LeafNodeTbs(Bytes encryptionKey, Bytes signatureKey, Credential credential,
                          Capabilities capabilities, LeafNodeSource source, List<Extension> extensions) {

    /** The label of the leaf node signature. */
    public static final String SIGNATURE_LABEL = "LeafNodeTBS";

    /** Checks for nulls and copies the list. */
    public LeafNodeTbs {
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(signatureKey, "signatureKey");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(source, "source");
        extensions = List.copyOf(extensions);
    }

    /**
     * The to-be-signed bytes of a key package leaf.
     *
     * @throws IllegalStateException if the source is update or commit, whose signature also covers the
     *                               group id and leaf index
     */
    public byte[] toBytes() {
        if (!(source instanceof LeafNodeSource.FromKeyPackage)) {
            throw new IllegalStateException("the LeafNodeTBS of an update or commit leaf includes the group id "
                    + "and leaf index");
        }
        TlsWriter out = new TlsWriter();
        writeFields(out);
        return out.toByteArray();
    }

    /**
     * The to-be-signed bytes of an update or commit leaf at {@code leafIndex} in group {@code groupId}.
     *
     * @throws IllegalStateException if the source is key_package, whose signature covers no group
     */
    public byte[] toBytes(Bytes groupId, long leafIndex) {
        if (source instanceof LeafNodeSource.FromKeyPackage) {
            throw new IllegalStateException("the LeafNodeTBS of a key package leaf has no group id or leaf index");
        }
        TlsWriter out = new TlsWriter();
        writeFields(out);
        out.writeOpaque(groupId).writeUint32(leafIndex);
        return out.toByteArray();
    }

    /** Signs a key package leaf with the private key belonging to {@link #signatureKey()}. */
    public LeafNode sign(Ed25519KeyPair key) {
        return new LeafNode(this, LabeledSignature.sign(key, SIGNATURE_LABEL, toBytes()));
    }

    /** Signs an update or commit leaf with the private key belonging to {@link #signatureKey()}. */
    public LeafNode sign(Ed25519KeyPair key, Bytes groupId, long leafIndex) {
        return new LeafNode(this, LabeledSignature.sign(key, SIGNATURE_LABEL, toBytes(groupId, leafIndex)));
    }

    /** Writes the fields shared by the leaf node and its to-be-signed form. */
    void writeFields(TlsWriter out) {
        out.writeOpaque(encryptionKey)
                .writeOpaque(signatureKey)
                .write(credential)
                .write(capabilities);
        source.writeTo(out);
        out.writeList(extensions);
    }

    static LeafNodeTbs readFields(TlsReader in) {
        return new LeafNodeTbs(
                in.readOpaque("LeafNode.encryption_key"),
                in.readOpaque("LeafNode.signature_key"),
                Credential.readFrom(in),
                Capabilities.readFrom(in),
                LeafNodeSource.readFrom(in),
                Extension.readList(in, "LeafNode.extensions"));
    }
}
