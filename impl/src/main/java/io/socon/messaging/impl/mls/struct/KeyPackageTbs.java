package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import java.util.List;
import java.util.Objects;

/**
 * The signed part of a key package (RFC 9420 section 10, {@code KeyPackageTBS}): everything but the
 * signature. Its encoding is what {@code SignWithLabel(., "KeyPackageTBS", .)} covers.
 *
 * @param version     the protocol version, see {@link ProtocolVersion}
 * @param cipherSuite the cipher suite, see {@link CipherSuite}
 * @param initKey     the HPKE public key a Welcome is encrypted to ({@code HPKEPublicKey init_key})
 * @param leafNode    the signed leaf node the client will occupy
 * @param extensions  the key package's extensions
 */
public record KeyPackageTbs(int version, int cipherSuite, Bytes initKey, LeafNode leafNode,
                            List<Extension> extensions) implements TlsEncodable {

    /** The label of the key package signature. */
    public static final String SIGNATURE_LABEL = "KeyPackageTBS";

    /** Checks ranges and nulls, and copies the list. */
    public KeyPackageTbs {
        if (version < 0 || version > 0xFFFF || cipherSuite < 0 || cipherSuite > 0xFFFF) {
            throw new IllegalArgumentException("version and cipher suite are uint16 values");
        }
        Objects.requireNonNull(initKey, "initKey");
        Objects.requireNonNull(leafNode, "leafNode");
        extensions = List.copyOf(extensions);
    }

    /** Signs the key package with the private key belonging to the leaf node's signature key. */
    public KeyPackage sign(Ed25519KeyPair key) {
        return new KeyPackage(this, LabeledSignature.sign(key, SIGNATURE_LABEL, toBytes()));
    }

    static KeyPackageTbs readFrom(TlsReader in) {
        return new KeyPackageTbs(
                in.readUint16("KeyPackage.version"),
                in.readUint16("KeyPackage.cipher_suite"),
                in.readOpaque("KeyPackage.init_key"),
                LeafNode.readFrom(in),
                Extension.readList(in, "KeyPackage.extensions"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(version)
                .writeUint16(cipherSuite)
                .writeOpaque(initKey)
                .write(leafNode)
                .writeList(extensions);
    }
}
