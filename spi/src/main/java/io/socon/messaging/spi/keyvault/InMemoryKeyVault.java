package io.socon.messaging.spi.keyvault;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key vault in memory, with the JDK only: for tests, demos and development. Keys vanish with the process.
 * Like Tink's {@code FakeKmsClient}, it lets plugin users and our own tests run without a real KMS.
 *
 * <p>Handles key URIs that start with its prefix ({@code memory://} by default). Supports every
 * {@link KeyKind}: Ed25519 and X25519 through the JDK's EdDSA and XDH, AES-256-GCM and ChaCha20-Poly1305 through
 * the JDK's ciphers, secp256k1 through a small pure-Java implementation (the JDK removed that curve) which is
 * not constant-time: do not keep real wallet keys in this vault. Ciphertexts are
 * {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}.
 *
 * <p>Thread-safe. {@link #close()} forgets every key.
 */
public final class InMemoryKeyVault implements KeyVault {

    /** The default key URI prefix. */
    public static final String DEFAULT_PREFIX = "memory://";

    private final String prefix;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<KeyUri, Entry> keys = new ConcurrentHashMap<>();

    private record Entry(KeyInfo info, Object secret) {
    }

    /** A vault handling {@code memory://} URIs. */
    public InMemoryKeyVault() {
        this(DEFAULT_PREFIX, Clock.systemUTC());
    }

    /**
     * A vault handling URIs with another prefix, so that several can coexist.
     *
     * @param prefix such as {@code "test-a://"}; must end with {@code ://} or {@code /}
     * @param clock for {@link KeyInfo#createdAt()}
     */
    public InMemoryKeyVault(String prefix, Clock clock) {
        Objects.requireNonNull(prefix, "prefix");
        if (!(prefix.endsWith("://") || prefix.endsWith("/")) || prefix.length() < 4) {
            throw new IllegalArgumentException("a key URI prefix ends with :// or /, like memory://, got '" + prefix + "'");
        }
        this.prefix = prefix;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "in-memory(" + prefix + ")";
    }

    @Override
    public boolean handles(KeyUri uri) {
        return uri.startsWith(prefix);
    }

    @Override
    public KeyInfo generate(KeyUri uri, KeyKind kind) {
        checkHandled(uri);
        Objects.requireNonNull(kind, "kind");
        byte[] material = new byte[32];
        random.nextBytes(material);
        if (kind == KeyKind.SECP256K1) {
            while (!Secp256k1.isValidPrivateKey(new BigInteger(1, material))) {
                random.nextBytes(material);
            }
        }
        try {
            return store(uri, kind, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public KeyInfo importPrivateKey(KeyUri uri, KeyKind kind, byte[] privateKey) {
        checkHandled(uri);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != kind.privateKeyLength()) {
            throw new KeyVaultException(KeyVaultException.Reason.INVALID_INPUT, "a " + kind + " private key is "
                    + kind.privateKeyLength() + " bytes, got " + privateKey.length + " for " + uri);
        }
        if (kind == KeyKind.SECP256K1 && !Secp256k1.isValidPrivateKey(new BigInteger(1, privateKey))) {
            throw new KeyVaultException(KeyVaultException.Reason.INVALID_INPUT,
                    "a secp256k1 private key is a number from 1 to n-1; the one given for " + uri + " is not");
        }
        return store(uri, kind, privateKey);
    }

    private KeyInfo store(KeyUri uri, KeyKind kind, byte[] material) {
        Object secret;
        byte[] publicKey;
        try {
            switch (kind) {
                case ED25519, X25519 -> {
                    KeyPair pair = JdkKeys.fromPrivate(kind, material);
                    secret = pair.getPrivate();
                    publicKey = JdkKeys.raw(pair.getPublic());
                }
                case SECP256K1 -> {
                    BigInteger d = new BigInteger(1, material);
                    secret = d;
                    publicKey = Secp256k1.publicKey(d);
                }
                case AES_256_GCM -> {
                    secret = new SecretKeySpec(material, "AES");
                    publicKey = new byte[0];
                }
                case CHACHA20_POLY1305 -> {
                    secret = new SecretKeySpec(material, "ChaCha20");
                    publicKey = new byte[0];
                }
                default -> throw new KeyVaultException(KeyVaultException.Reason.UNSUPPORTED_KIND, kind + " for " + uri);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE,
                    "the JDK could not create a " + kind + " key for " + uri, e);
        }
        KeyInfo info = new KeyInfo(uri, kind, publicKey, clock.instant());
        if (keys.putIfAbsent(uri, new Entry(info, secret)) != null) {
            throw new KeyVaultException(KeyVaultException.Reason.KEY_EXISTS,
                    uri + " already exists; delete it first or use another URI");
        }
        return info;
    }

    @Override
    public Optional<KeyInfo> find(KeyUri uri) {
        Entry entry = keys.get(Objects.requireNonNull(uri, "uri"));
        return entry == null ? Optional.empty() : Optional.of(entry.info());
    }

    @Override
    public List<KeyInfo> list() {
        return keys.values().stream().map(Entry::info).toList();
    }

    @Override
    public byte[] sign(KeyUri uri, SignRequest request) {
        Objects.requireNonNull(request, "request");
        Entry entry = entry(uri, request.scheme().keyKind(), "sign with " + request.scheme());
        try {
            return switch (request.scheme()) {
                case ED25519, ED25519PH -> {
                    Signature signer = Signature.getInstance("Ed25519");
                    signer.initSign((PrivateKey) entry.secret());
                    if (request.scheme() == SignatureScheme.ED25519PH) {
                        signer.setParameter(new EdDSAParameterSpec(true, request.context()));
                    }
                    signer.update(request.data());
                    yield signer.sign();
                }
                case ECDSA_SECP256K1_RECOVERABLE -> Secp256k1.sign((BigInteger) entry.secret(), request.data());
            };
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "signing with " + uri + " failed", e);
        }
    }

    @Override
    public byte[] agree(KeyUri uri, byte[] peerPublicKey) {
        Objects.requireNonNull(peerPublicKey, "peerPublicKey");
        Entry entry = entry(uri, KeyKind.X25519, "agree");
        if (peerPublicKey.length != 32) {
            throw new KeyVaultException(KeyVaultException.Reason.INVALID_INPUT,
                    "an X25519 public key is 32 bytes, got " + peerPublicKey.length);
        }
        byte[] secret;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init((PrivateKey) entry.secret());
            agreement.doPhase(JdkKeys.publicKey(KeyKind.X25519, peerPublicKey), true);
            secret = agreement.generateSecret();
        } catch (InvalidKeyException lowOrder) {
            throw new KeyVaultException(KeyVaultException.Reason.INVALID_INPUT,
                    "the peer's X25519 public key is unusable (low order): " + lowOrder.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "X25519 with " + uri + " failed", e);
        }
        if (isAllZero(secret)) {
            throw new KeyVaultException(KeyVaultException.Reason.INVALID_INPUT,
                    "the peer's X25519 public key has low order (the shared secret is zero)");
        }
        return secret;
    }

    @Override
    public byte[] encrypt(KeyUri uri, byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        Entry entry = symmetric(uri);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(entry, Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "encrypting with " + uri + " failed", e);
        }
    }

    @Override
    public byte[] decrypt(KeyUri uri, byte[] ciphertext, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        Entry entry = symmetric(uri);
        if (ciphertext.length < 12 + 16) {
            throw new KeyVaultException(KeyVaultException.Reason.DECRYPTION_FAILED,
                    "ciphertext for " + uri + " is " + ciphertext.length + " bytes, shorter than nonce and tag");
        }
        try {
            Cipher cipher = cipher(entry, Cipher.DECRYPT_MODE, Arrays.copyOf(ciphertext, 12));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, 12, ciphertext.length - 12);
        } catch (AEADBadTagException altered) {
            throw new KeyVaultException(KeyVaultException.Reason.DECRYPTION_FAILED,
                    "ciphertext or associated data for " + uri + " was altered or made by another key");
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "decrypting with " + uri + " failed", e);
        }
    }

    @Override
    public boolean delete(KeyUri uri) {
        return keys.remove(Objects.requireNonNull(uri, "uri")) != null;
    }

    /** Forgets every key. */
    @Override
    public void close() {
        keys.clear();
    }

    @Override
    public String toString() {
        return name() + "[" + keys.size() + " keys]";
    }

    private Entry symmetric(KeyUri uri) {
        Entry entry = existing(uri);
        KeyKind kind = entry.info().kind();
        if (kind != KeyKind.AES_256_GCM && kind != KeyKind.CHACHA20_POLY1305) {
            throw new KeyVaultException(KeyVaultException.Reason.WRONG_KIND,
                    uri + " is a " + kind + " key; encryption needs AES_256_GCM or CHACHA20_POLY1305");
        }
        return entry;
    }

    private static Cipher cipher(Entry entry, int mode, byte[] nonce) throws GeneralSecurityException {
        SecretKey key = (SecretKey) entry.secret();
        if (entry.info().kind() == KeyKind.AES_256_GCM) {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            return cipher;
        }
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, key, new IvParameterSpec(nonce));
        return cipher;
    }

    private Entry entry(KeyUri uri, KeyKind expected, String operation) {
        Entry entry = existing(uri);
        if (entry.info().kind() != expected) {
            throw new KeyVaultException(KeyVaultException.Reason.WRONG_KIND,
                    "cannot " + operation + " with " + uri + ": it is a " + entry.info().kind() + " key, not " + expected);
        }
        return entry;
    }

    private Entry existing(KeyUri uri) {
        Entry entry = keys.get(Objects.requireNonNull(uri, "uri"));
        if (entry == null) {
            throw new KeyVaultException(KeyVaultException.Reason.KEY_NOT_FOUND, "no key " + uri + " in " + name());
        }
        return entry;
    }

    private void checkHandled(KeyUri uri) {
        Objects.requireNonNull(uri, "uri");
        if (!handles(uri)) {
            throw new KeyVaultException(KeyVaultException.Reason.NOT_HANDLED,
                    name() + " only holds keys whose URI starts with " + prefix + ", not " + uri);
        }
    }

    private static boolean isAllZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
