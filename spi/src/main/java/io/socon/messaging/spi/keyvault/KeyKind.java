package io.socon.messaging.spi.keyvault;

/**
 * The kinds of key Socon Messaging keeps in a vault, what each is for and which operation it allows. Private
 * key formats (for {@link KeyVault#importPrivateKey}) and public key formats ({@link KeyInfo#publicKey()}) are
 * fixed here, so that every vault speaks the same bytes.
 */
public enum KeyKind {

    /**
     * Ed25519 signing key: an XMTP installation key (identity updates, MLS leaf and credential signatures).
     * Private: the 32-byte RFC 8032 seed. Public: the 32-byte encoded point. Operation:
     * {@link KeyVault#sign} with {@link SignatureScheme#ED25519} or {@link SignatureScheme#ED25519PH}.
     */
    ED25519(32),

    /**
     * X25519 key agreement key: an HPKE init key of an MLS key package (to open Welcome messages). Private: the
     * 32-byte scalar (RFC 7748). Public: 32 bytes. Operation: {@link KeyVault#agree}.
     */
    X25519(32),

    /**
     * secp256k1 ECDSA key: a custodial Ethereum wallet. Private: the 32-byte big-endian scalar. Public: 65 bytes
     * uncompressed SEC1 ({@code 04 || x || y}). Operation: {@link KeyVault#sign} with
     * {@link SignatureScheme#ECDSA_SECP256K1_RECOVERABLE}.
     */
    SECP256K1(65),

    /**
     * AES-256-GCM key: encrypts local data (the database key or data keys, envelope-style). Private: 32 bytes.
     * No public key. Operations: {@link KeyVault#encrypt}, {@link KeyVault#decrypt}.
     */
    AES_256_GCM(0),

    /**
     * ChaCha20-Poly1305 key: like {@link #AES_256_GCM}, for machines without AES instructions. Private: 32 bytes.
     * No public key. Operations: {@link KeyVault#encrypt}, {@link KeyVault#decrypt}.
     */
    CHACHA20_POLY1305(0);

    private final int publicKeyLength;

    KeyKind(int publicKeyLength) {
        this.publicKeyLength = publicKeyLength;
    }

    /** Length of the public key in bytes; 0 for symmetric kinds, which have none. */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** Length of the private key material accepted by {@link KeyVault#importPrivateKey}: 32 bytes for every kind. */
    public int privateKeyLength() {
        return 32;
    }

    /** Whether the kind is a key pair with a public half. */
    public boolean asymmetric() {
        return publicKeyLength > 0;
    }
}
