package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A key package of ours with the private keys that go with it: the init key (to open a Welcome), the leaf's
 * encryption key and the signature key. Kept by the client until the key package is used to join a group (or
 * expires); {@link #close()} wipes the private keys it holds.
 */
public final class KeyPackageBundle implements AutoCloseable {

    /** The version byte of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private final KeyPackage keyPackage;
    private final byte[] initPrivate;
    private final byte[] encryptionPrivate;
    private final byte[] signaturePrivate;

    private KeyPackageBundle(KeyPackage keyPackage, byte[] initPrivate, byte[] encryptionPrivate,
                             byte[] signaturePrivate) {
        this.keyPackage = Objects.requireNonNull(keyPackage, "keyPackage");
        this.initPrivate = initPrivate;
        this.encryptionPrivate = encryptionPrivate;
        this.signaturePrivate = signaturePrivate;
    }

    /**
     * A bundle from an existing key package and its private keys (copied), e.g. from test vectors or a store.
     *
     * @throws IllegalArgumentException if a private key does not match the key package
     */
    public static KeyPackageBundle of(KeyPackage keyPackage, X25519KeyPair init, X25519KeyPair encryption,
                                      Ed25519KeyPair signature) {
        if (!init.publicKey().equals(keyPackage.initKey())
                || !encryption.publicKey().equals(keyPackage.leafNode().encryptionKey())
                || !signature.publicKey().equals(keyPackage.leafNode().signatureKey())) {
            throw new IllegalArgumentException("the private keys do not belong to this key package");
        }
        return new KeyPackageBundle(keyPackage, init.privateKey(), encryption.privateKey(), signature.privateKey());
    }

    /**
     * Creates and signs a cipher suite 3 key package with fresh init and encryption keys.
     *
     * @param leafExtensions       the leaf node's extensions
     * @param keyPackageExtensions the key package's own extensions
     */
    public static KeyPackageBundle create(Credential credential, Capabilities capabilities, Lifetime lifetime,
                                          List<Extension> leafExtensions, List<Extension> keyPackageExtensions,
                                          Ed25519KeyPair signer, SecureRandom random) {
        X25519KeyPair init = X25519KeyPair.generate(random);
        X25519KeyPair encryption = X25519KeyPair.generate(random);
        LeafNode leaf = new LeafNodeTbs(encryption.publicKey(), signer.publicKey(), credential, capabilities,
                new LeafNodeSource.FromKeyPackage(lifetime), leafExtensions).sign(signer);
        KeyPackage keyPackage = new KeyPackageTbs(ProtocolVersion.MLS10,
                CipherSuite.X25519_CHACHA20POLY1305_SHA256_ED25519, init.publicKey(), leaf, keyPackageExtensions)
                .sign(signer);
        return of(keyPackage, init, encryption, signer);
    }

    /** The key package to publish. */
    public KeyPackage keyPackage() {
        return keyPackage;
    }

    /** Its KeyPackageRef, the name a Welcome gives it. */
    public Bytes reference() {
        return Bytes.copyOf(Kdf.makeKeyPackageRef(keyPackage.toBytes()));
    }

    /** The init key pair. */
    public X25519KeyPair initKey() {
        return X25519KeyPair.fromPrivateKey(initPrivate);
    }

    /** The leaf's encryption key pair. */
    public X25519KeyPair encryptionKey() {
        return X25519KeyPair.fromPrivateKey(encryptionPrivate);
    }

    /** The signature key pair. */
    public Ed25519KeyPair signatureKey() {
        return Ed25519KeyPair.fromPrivateKey(signaturePrivate);
    }

    /** The storage form: version, key package, three private keys. Holds secrets: encrypt at rest. */
    public byte[] toBytes() {
        return new TlsWriter().writeUint8(FORMAT_VERSION).write(keyPackage).writeOpaque(initPrivate)
                .writeOpaque(encryptionPrivate).writeOpaque(signaturePrivate).toByteArray();
    }

    /**
     * Restores a bundle written by {@link #toBytes()}.
     *
     * @throws MlsDecodeException if the bytes are malformed or of another version
     */
    public static KeyPackageBundle fromBytes(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "KeyPackageBundle", in -> {
            int version = in.readUint8("KeyPackageBundle.version");
            if (version != FORMAT_VERSION) {
                throw new MlsDecodeException("KeyPackageBundle.version", 0, "unknown version " + version);
            }
            KeyPackage keyPackage = KeyPackage.readFrom(in);
            return of(keyPackage, X25519KeyPair.fromPrivateKey(in.readOpaque("init").toByteArray()),
                    X25519KeyPair.fromPrivateKey(in.readOpaque("encryption").toByteArray()),
                    Ed25519KeyPair.fromPrivateKey(in.readOpaque("signature").toByteArray()));
        });
    }

    /** Wipes the private keys held here. */
    @Override
    public void close() {
        Arrays.fill(initPrivate, (byte) 0);
        Arrays.fill(encryptionPrivate, (byte) 0);
        Arrays.fill(signaturePrivate, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyPackageBundle[" + reference().toHex() + "]";
    }
}
