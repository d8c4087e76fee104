package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import java.util.List;
import java.util.Objects;

/**
 * A key package (RFC 9420 section 10): what a client publishes so that others can add it to a group. XMTP
 * clients upload it as raw TLS bytes (not wrapped in an MLSMessage).
 *
 * <p>Decoding only checks the syntax; whether a key package may be used is for a validator to decide.
 *
 * @param tbs       the signed fields
 * @param signature {@code SignWithLabel(leaf_node.signature_key, "KeyPackageTBS", KeyPackageTBS)}
 */
public record KeyPackage(KeyPackageTbs tbs, Bytes signature) implements TlsEncodable {

    /** Checks for nulls. */
    public KeyPackage {
        Objects.requireNonNull(tbs, "tbs");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Decodes a key package that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed key package
     */
    public static KeyPackage decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "KeyPackage", KeyPackage::readFrom);
    }

    /** Reads one key package. */
    public static KeyPackage readFrom(TlsReader in) {
        KeyPackageTbs tbs = KeyPackageTbs.readFrom(in);
        return new KeyPackage(tbs, in.readOpaque("KeyPackage.signature"));
    }

    /** The protocol version. */
    public int version() {
        return tbs.version();
    }

    /** The cipher suite. */
    public int cipherSuite() {
        return tbs.cipherSuite();
    }

    /** The HPKE init key. */
    public Bytes initKey() {
        return tbs.initKey();
    }

    /** The leaf node. */
    public LeafNode leafNode() {
        return tbs.leafNode();
    }

    /** The key package's own extensions (not the leaf node's). */
    public List<Extension> extensions() {
        return tbs.extensions();
    }

    /** Whether the key package signature verifies under the leaf node's signature key. */
    public boolean signatureVerifies() {
        return LabeledSignature.verify(leafNode().signatureKey(), KeyPackageTbs.SIGNATURE_LABEL, tbs.toBytes(),
                signature);
    }

    @Override
    public void writeTo(TlsWriter out) {
        tbs.writeTo(out);
        out.writeOpaque(signature);
    }
}
