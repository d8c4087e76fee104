package io.socon.messaging.spi.keyvault;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds private keys and uses them without letting them out: a KMS, an HSM, an encrypted file, memory.
 * Modelled on Tink's {@code KmsClient}: a vault says which key URIs it {@link #handles(KeyUri) handles}, and
 * Socon Messaging routes each key to the vault that handles it (see {@link KeyVaults}).
 *
 * <p>What it holds: the Ed25519 installation key of each inbox on this server, the X25519 HPKE keys of the
 * key packages it published, custodial secp256k1 wallet keys, and the symmetric key that protects local
 * data. Private keys never leave the vault through this interface: there is no export method. Public keys
 * are returned in {@link KeyInfo}.
 *
 * <p><b>Threads and blocking.</b> Methods are synchronous and may block (a remote KMS call); Socon Messaging
 * calls them off request threads. Implementations must be thread-safe.
 *
 * <p><b>Errors.</b> Every failure is a {@link KeyVaultException} with a {@link KeyVaultException.Reason};
 * {@link KeyVaultException.Reason#UNAVAILABLE} for infrastructure trouble, the others for the caller's mistakes.
 *
 * <p><b>Evolution.</b> Optional capabilities are {@code default} methods that report
 * {@link KeyVaultException.Reason#UNSUPPORTED_OPERATION} or {@link KeyVaultException.Reason#UNSUPPORTED_KIND},
 * so new methods can be added without breaking existing vaults (as JDBI's plugin hooks do).
 *
 * <p><b>Testing.</b> Run the conformance kit, {@code KeyVaultConformanceKit} in the
 * {@code socon-messaging-spi} test-jar, against every implementation.
 */
public interface KeyVault extends AutoCloseable {

    /** A short name for logs and error messages, e.g. {@code "aws-kms"}; also what allow-lists refer to. */
    String name();

    /**
     * Whether this vault holds, or would create, the key with this URI. Usually a prefix test such as
     * {@code uri.startsWith("aws-kms://")}. Must not do I/O.
     */
    boolean handles(KeyUri uri);

    /** The kinds of key this vault can generate and use. All kinds by default. */
    default Set<KeyKind> supportedKinds() {
        return EnumSet.allOf(KeyKind.class);
    }

    /**
     * Generates a new key inside the vault.
     *
     * @throws KeyVaultException {@code KEY_EXISTS} if the URI is taken, {@code UNSUPPORTED_KIND},
     *     {@code NOT_HANDLED} if {@link #handles} is false for the URI, {@code UNAVAILABLE}
     */
    KeyInfo generate(KeyUri uri, KeyKind kind);

    /**
     * Stores an existing private key (for migration, or key-package keys made elsewhere). The material is in
     * the format {@link KeyKind} documents; the vault should not keep the caller's array.
     *
     * @throws KeyVaultException {@code UNSUPPORTED_OPERATION} by default; {@code KEY_EXISTS};
     *     {@code INVALID_INPUT} if the material is malformed
     */
    default KeyInfo importPrivateKey(KeyUri uri, KeyKind kind, byte[] privateKey) {
        throw new KeyVaultException(KeyVaultException.Reason.UNSUPPORTED_OPERATION,
                name() + " does not import keys; generate " + uri + " inside the vault instead");
    }

    /** The key's description, or empty if there is no such key. */
    Optional<KeyInfo> find(KeyUri uri);

    /** Every key in this vault, in no particular order. */
    List<KeyInfo> list();

    /**
     * Signs inside the vault.
     *
     * @return the signature, in the format {@link SignatureScheme} documents
     * @throws KeyVaultException {@code KEY_NOT_FOUND}; {@code WRONG_KIND} if the key is not of
     *     {@code request.scheme().keyKind()}; {@code UNSUPPORTED_OPERATION} if the vault cannot do this scheme
     */
    byte[] sign(KeyUri uri, SignRequest request);

    /**
     * X25519 key agreement inside the vault (the Diffie-Hellman step of HPKE's DHKEM): the raw 32-byte shared
     * secret of this private key and the peer's public key. The shared secret is not the private key; the
     * caller derives HPKE keys from it and discards it.
     *
     * @param peerPublicKey 32 bytes
     * @throws KeyVaultException {@code INVALID_INPUT} if the peer key has the wrong length or low order (an
     *     all-zero secret); {@code KEY_NOT_FOUND}; {@code WRONG_KIND}; {@code UNSUPPORTED_KIND} by default
     */
    default byte[] agree(KeyUri uri, byte[] peerPublicKey) {
        throw new KeyVaultException(KeyVaultException.Reason.UNSUPPORTED_KIND, name() + " does not hold X25519 keys");
    }

    /**
     * Encrypts with a symmetric key (AEAD). The ciphertext format is the vault's own; only {@link #decrypt} of
     * the same vault and key needs to read it.
     *
     * @param associatedData authenticated but not encrypted; may be empty, not null
     * @throws KeyVaultException {@code KEY_NOT_FOUND}; {@code WRONG_KIND}; {@code UNSUPPORTED_KIND} by default
     */
    default byte[] encrypt(KeyUri uri, byte[] plaintext, byte[] associatedData) {
        throw new KeyVaultException(KeyVaultException.Reason.UNSUPPORTED_KIND, name() + " does not hold symmetric keys");
    }

    /**
     * Decrypts what {@link #encrypt} made with the same key and associated data.
     *
     * @throws KeyVaultException {@code DECRYPTION_FAILED} if anything was altered; {@code KEY_NOT_FOUND};
     *     {@code WRONG_KIND}; {@code UNSUPPORTED_KIND} by default
     */
    default byte[] decrypt(KeyUri uri, byte[] ciphertext, byte[] associatedData) {
        throw new KeyVaultException(KeyVaultException.Reason.UNSUPPORTED_KIND, name() + " does not hold symmetric keys");
    }

    /**
     * Destroys a key. Afterwards every operation on it fails with {@code KEY_NOT_FOUND}.
     *
     * @return whether there was such a key
     */
    boolean delete(KeyUri uri);

    /** Releases connections and wipes what the vault keeps in memory. No-op by default. */
    @Override
    default void close() {
    }
}
