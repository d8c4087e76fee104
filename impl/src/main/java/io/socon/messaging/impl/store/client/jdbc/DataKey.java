package io.socon.messaging.impl.store.client.jdbc;

import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a {@link JdbcClientStore} gets the key that encrypts its secret fields: envelope encryption with a
 * {@link KeyVault}.
 *
 * <p>The first time a store is opened it generates a random 256-bit data-encryption key and keeps it in its own
 * database, but only wrapped (encrypted) by the vault's symmetric key {@link #vaultKey()}. Each later open
 * unwraps it once with {@link KeyVault#decrypt}, keeps it in memory and wipes it on close. The vault key itself
 * never leaves the vault, so the host chooses where the root of trust lives (a file, a KMS, an HSM) by choosing
 * the vault; the database alone does not reveal any secret field.
 *
 * <p>The vault key must be an {@link KeyKind#AES_256_GCM} or {@link KeyKind#CHACHA20_POLY1305} key. If it does
 * not exist when a new store is first opened, an {@code AES_256_GCM} key is generated under that URI; once a
 * store exists, the same vault key is needed to open it again.
 *
 * <p>Immutable; holds no secret itself.
 */
public final class DataKey {

    /** Associated data of the wrapped data key: names what the ciphertext is, so it cannot be used as another. */
    private static final byte[] WRAP_AAD = "socon-messaging/client-store/data-key/v1".getBytes(StandardCharsets.UTF_8);

    private final KeyVault vault;
    private final KeyUri vaultKey;

    private DataKey(KeyVault vault, KeyUri vaultKey) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.vaultKey = Objects.requireNonNull(vaultKey, "vaultKey");
        if (!vault.handles(vaultKey)) {
            throw new IllegalArgumentException("the key vault " + vault.name() + " does not handle " + vaultKey);
        }
    }

    /**
     * A data key wrapped by the symmetric key {@code vaultKey} of {@code vault}.
     *
     * @throws IllegalArgumentException if the vault does not handle that key URI
     */
    public static DataKey wrappedBy(KeyVault vault, KeyUri vaultKey) {
        return new DataKey(vault, vaultKey);
    }

    /** The vault key that wraps the data key. */
    public KeyUri vaultKey() {
        return vaultKey;
    }

    /** Wraps a new data key for storage, generating the vault key first if it does not exist. */
    byte[] wrap(byte[] dataKey) {
        if (vault.find(vaultKey).isEmpty()) {
            vault.generate(vaultKey, KeyKind.AES_256_GCM);
        }
        return vault.encrypt(vaultKey, dataKey, WRAP_AAD);
    }

    /**
     * Unwraps the stored data key.
     *
     * @throws io.socon.messaging.spi.keyvault.KeyVaultException if the vault key is missing or is not the one
     *     that wrapped it
     */
    byte[] unwrap(byte[] wrapped) {
        return vault.decrypt(vaultKey, wrapped, WRAP_AAD);
    }

    @Override
    public String toString() {
        return "DataKey[wrapped by " + vaultKey + " in " + vault.name() + "]";
    }
}
