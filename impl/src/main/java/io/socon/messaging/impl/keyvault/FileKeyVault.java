package io.socon.messaging.impl.keyvault;

import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyInfo;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import io.socon.messaging.spi.keyvault.SignRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key vault in a PKCS#12 file: the default for a single server. Each private key is a secret-key entry sealed
 * with PBES2 (PBKDF2-HMAC-SHA256, AES-256) under the vault's <em>entry password</em>: 256 random bits, kept in the
 * file as an entry of its own ({@value #ENTRY_PASSWORD_ALIAS}) sealed under the vault's password at
 * {@value #DEFAULT_ITERATIONS} iterations. So opening a vault costs one slow key derivation however many keys it
 * holds (a random 256-bit secret needs no stretching: its entries use {@value #ENTRY_ITERATIONS}), and the file is
 * still plain PKCS#12 (keytool opens the entry password with the vault's password). Vaults written by earlier
 * versions (every entry under the vault's password) are converted when opened. The file is rewritten atomically on
 * every change. Keys are used in memory (the operations are those of the SPI's in-memory vault) and never leave the
 * vault; only public keys do.
 *
 * <p>The password comes from configuration ({@code socon.vault.file.password}) and is never logged. Lose
 * it and the keys are gone: back up the file and the password separately.
 */
public final class FileKeyVault implements KeyVault {

    /** PBKDF2 iterations that protect the entry password (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** The alias of the entry password's entry; never a key's alias (those are hex). */
    static final String ENTRY_PASSWORD_ALIAS = "socon-entry-password";

    /** PBKDF2 iterations of the key entries, sealed under the random entry password. */
    static final int ENTRY_ITERATIONS = 1_000;

    private static final String PBE = "PBEWithHmacSHA256AndAES_256";

    private static final String SEPARATOR = "|";

    private final Path file;
    private final char[] password;
    private final int iterations;
    private final String prefix;
    private final InMemoryKeyVault keys;
    private final KeyStore store;
    private final Map<KeyUri, Instant> createdAt = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private char[] entryPassword;

    private FileKeyVault(Path file, char[] password, int iterations, String prefix, Clock clock) {
        this.file = file;
        this.password = password.clone();
        this.iterations = iterations;
        this.prefix = prefix;
        this.keys = new InMemoryKeyVault(prefix, clock);
        try {
            this.store = KeyStore.getInstance("PKCS12");
        } catch (GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "this JDK has no PKCS#12 key store", e);
        }
    }

    /**
     * Opens the vault in {@code file}, creating it on the first write.
     *
     * @param prefix the key URIs this vault handles, e.g. {@code "file://"}
     * @throws KeyVaultException {@code UNAVAILABLE} if the file cannot be read or the password is wrong
     */
    public static FileKeyVault open(Path file, char[] password, String prefix) {
        return open(file, password, prefix, DEFAULT_ITERATIONS, Clock.systemUTC());
    }

    /** As {@link #open(Path, char[], String)}, with the PBKDF2 iteration count and clock chosen (tests). */
    public static FileKeyVault open(Path file, char[] password, String prefix, int iterations, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(prefix, "prefix");
        if (password.length == 0) {
            throw new IllegalArgumentException("the key vault needs a password: set socon.vault.file.password");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        FileKeyVault vault = new FileKeyVault(file, password, iterations, prefix, clock);
        vault.load();
        return vault;
    }

    private void load() {
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
            // A file either has an entry password and every key under it, or (written by an earlier version) none and
            // every key under the vault's password; it is converted as a whole, then written once.
            boolean earlierVersion = !store.containsAlias(ENTRY_PASSWORD_ALIAS);
            entryPassword = earlierVersion ? newEntryPassword() : readEntryPassword();
            List<String> aliases = Collections.list(store.aliases()).stream()
                    .filter(alias -> !alias.equals(ENTRY_PASSWORD_ALIAS)).toList();
            for (String alias : aliases) {
                restore(alias, earlierVersion);
            }
            if (earlierVersion && !aliases.isEmpty()) {
                save();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "cannot open the key vault file " + file
                    + " (wrong password, or not a PKCS#12 file): " + e.getMessage(), e);
        }
    }

    /**
     * Loads one key entry into memory; an entry of an earlier version (sealed under the vault's password) is sealed
     * again under the entry password.
     */
    private void restore(String alias, boolean earlierVersion) throws GeneralSecurityException {
        String[] parts = new String(HexFormat.of().parseHex(alias), StandardCharsets.UTF_8).split("\\|", 2);
        KeyKind kind = KeyKind.valueOf(parts[0]);
        KeyUri uri = KeyUri.of(parts[1]);
        java.util.Date created = store.getCreationDate(alias);
        KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) store.getEntry(alias,
                new KeyStore.PasswordProtection(earlierVersion ? password : entryPassword));
        if (earlierVersion) {
            store.setEntry(alias, entry, entryProtection());
        }
        byte[] material = entry.getSecretKey().getEncoded();
        try {
            keys.importPrivateKey(uri, kind, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        createdAt.put(uri, created.toInstant());
    }

    private char[] readEntryPassword() throws GeneralSecurityException {
        KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) store.getEntry(ENTRY_PASSWORD_ALIAS,
                new KeyStore.PasswordProtection(password));
        byte[] secret = entry.getSecretKey().getEncoded();
        try {
            return HexFormat.of().formatHex(secret).toCharArray();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A new random entry password, put in the store (written with the first key). */
    private char[] newEntryPassword() throws GeneralSecurityException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
            store.setEntry(ENTRY_PASSWORD_ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, "AES")),
                    new KeyStore.PasswordProtection(password, PBE, new PBEParameterSpec(salt(), iterations)));
            return HexFormat.of().formatHex(secret).toCharArray();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private KeyStore.PasswordProtection entryProtection() {
        return new KeyStore.PasswordProtection(entryPassword, PBE, new PBEParameterSpec(salt(), ENTRY_ITERATIONS));
    }

    private byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    static String alias(KeyUri uri, KeyKind kind) {
        return HexFormat.of().formatHex((kind.name() + SEPARATOR + uri.value()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public boolean handles(KeyUri uri) {
        return uri != null && uri.startsWith(prefix);
    }

    @Override
    public synchronized KeyInfo generate(KeyUri uri, KeyKind kind) {
        Objects.requireNonNull(kind, "kind");
        byte[] material = new byte[kind.privateKeyLength()];
        do {
            random.nextBytes(material);
        } while (kind == KeyKind.SECP256K1 && !validSecp256k1(material));
        try {
            return importPrivateKey(uri, kind, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static final BigInteger SECP256K1_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static boolean validSecp256k1(byte[] material) {
        BigInteger d = new BigInteger(1, material);
        return d.signum() > 0 && d.compareTo(SECP256K1_ORDER) < 0;
    }

    @Override
    public synchronized KeyInfo importPrivateKey(KeyUri uri, KeyKind kind, byte[] privateKey) {
        KeyInfo info = keys.importPrivateKey(uri, kind, privateKey);
        Instant now = info.createdAt();
        try {
            store.setEntry(alias(uri, kind), new KeyStore.SecretKeyEntry(secretKey(kind, privateKey)), entryProtection());
            save();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            keys.delete(uri);
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "cannot write the key vault file " + file
                    + ": " + e.getMessage(), e);
        }
        createdAt.put(uri, now);
        return info;
    }

    private static SecretKey secretKey(KeyKind kind, byte[] material) {
        String label = switch (kind) {
            case ED25519 -> "Ed25519";
            case X25519 -> "X25519";
            case SECP256K1 -> "secp256k1";
            case AES_256_GCM, CHACHA20_POLY1305 -> "AES";
        };
        return new SecretKeySpec(material, label);
    }

    /** Writes the whole store to a temporary file next to the vault, then moves it into place. */
    private void save() throws IOException, GeneralSecurityException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<KeyInfo> find(KeyUri uri) {
        return keys.find(uri).map(this::withCreationTime);
    }

    @Override
    public List<KeyInfo> list() {
        return keys.list().stream().map(this::withCreationTime).toList();
    }

    private KeyInfo withCreationTime(KeyInfo info) {
        Instant created = createdAt.getOrDefault(info.uri(), info.createdAt());
        return new KeyInfo(info.uri(), info.kind(), info.publicKey(), created);
    }

    @Override
    public byte[] sign(KeyUri uri, SignRequest request) {
        return keys.sign(uri, request);
    }

    @Override
    public byte[] agree(KeyUri uri, byte[] peerPublicKey) {
        return keys.agree(uri, peerPublicKey);
    }

    @Override
    public byte[] encrypt(KeyUri uri, byte[] plaintext, byte[] associatedData) {
        return keys.encrypt(uri, plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(KeyUri uri, byte[] ciphertext, byte[] associatedData) {
        return keys.decrypt(uri, ciphertext, associatedData);
    }

    @Override
    public synchronized boolean delete(KeyUri uri) {
        Optional<KeyInfo> existing = keys.find(uri);
        if (existing.isEmpty()) {
            return keys.delete(uri);
        }
        try {
            store.deleteEntry(alias(uri, existing.get().kind()));
            save();
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyVaultException(KeyVaultException.Reason.UNAVAILABLE, "cannot write the key vault file " + file
                    + ": " + e.getMessage(), e);
        }
        createdAt.remove(uri);
        return keys.delete(uri);
    }

    @Override
    public synchronized void close() {
        keys.close();
        Arrays.fill(password, '\0');
        if (entryPassword != null) {
            Arrays.fill(entryPassword, '\0');
        }
    }

    @Override
    public String toString() {
        return "FileKeyVault[" + file + ", prefix=" + prefix.toLowerCase(Locale.ROOT) + "]";
    }
}
