package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A leaf of the ratchet tree (RFC 9420 section 7.2): the signed fields and the signature over them.
 *
 * @param tbs       the signed fields
 * @param signature {@code SignWithLabel(signature_key, "LeafNodeTBS", LeafNodeTBS)}
 */
public record LeafNode(LeafNodeTbs tbs, Bytes signature) implements TlsEncodable {

    /** Checks for nulls. */
    public LeafNode {
        Objects.requireNonNull(tbs, "tbs");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Decodes a leaf node that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed leaf node
     */
    public static LeafNode decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "LeafNode", LeafNode::readFrom);
    }

    /** Reads one leaf node. */
    public static LeafNode readFrom(TlsReader in) {
        LeafNodeTbs tbs = LeafNodeTbs.readFields(in);
        return new LeafNode(tbs, in.readOpaque("LeafNode.signature"));
    }

    /** The leaf's HPKE public key. */
    public Bytes encryptionKey() {
        return tbs.encryptionKey();
    }

    /** The leaf's signature public key. */
    public Bytes signatureKey() {
        return tbs.signatureKey();
    }

    /** The leaf's credential. */
    public Credential credential() {
        return tbs.credential();
    }

    /** The leaf's capabilities. */
    public Capabilities capabilities() {
        return tbs.capabilities();
    }

    /** How the leaf came to be. */
    public LeafNodeSource source() {
        return tbs.source();
    }

    /** The leaf's extensions. */
    public List<Extension> extensions() {
        return tbs.extensions();
    }

    /** The lifetime, present only for a key package leaf. */
    public Optional<Lifetime> lifetime() {
        return tbs.source() instanceof LeafNodeSource.FromKeyPackage fromKeyPackage
                ? Optional.of(fromKeyPackage.lifetime())
                : Optional.empty();
    }

    /**
     * Whether the signature of a key package leaf verifies under the leaf's own signature key.
     *
     * @throws IllegalStateException if this is not a key package leaf
     */
    public boolean signatureVerifies() {
        return LabeledSignature.verify(tbs.signatureKey(), LeafNodeTbs.SIGNATURE_LABEL, tbs.toBytes(), signature);
    }

    /**
     * Whether the signature of an update or commit leaf at {@code leafIndex} of group {@code groupId}
     * verifies under the leaf's own signature key.
     */
    public boolean signatureVerifies(Bytes groupId, long leafIndex) {
        return LabeledSignature.verify(tbs.signatureKey(), LeafNodeTbs.SIGNATURE_LABEL,
                tbs.toBytes(groupId, leafIndex), signature);
    }

    @Override
    public void writeTo(TlsWriter out) {
        tbs.writeFields(out);
        out.writeOpaque(signature);
    }
}
