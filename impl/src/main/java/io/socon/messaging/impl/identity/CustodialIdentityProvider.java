package io.socon.messaging.impl.identity;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.spi.identity.IdentityProvider;
import io.socon.messaging.spi.identity.IdentityResult;
import io.socon.messaging.spi.identity.Signer;
import io.socon.messaging.spi.identity.SigningResult;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import java.util.Objects;

/**
 * The default identity: every host user gets a custodial Ethereum wallet, a secp256k1 key generated inside the
 * {@link KeyVault} on first use under {@link HostUserKeys#walletKey} and never exported; it signs XMTP's
 * identity texts inside the vault ({@link VaultWalletSigner}). Handles every user, so it belongs last in the
 * order ({@link #DEFAULT_PRIORITY}).
 *
 * <p>Thread-safe: two threads resolving the same new user generate one key.
 */
public final class CustodialIdentityProvider implements IdentityProvider {

    /** Asked after providers with the default priority (100) and the external wallet provider. */
    public static final int DEFAULT_PRIORITY = 1000;

    private final KeyVault vault;
    private final String keyPrefix;
    private final int priority;

    /**
     * @param vault     where the wallet keys are generated and used
     * @param keyPrefix the vault's key URI prefix, such as {@code memory://}
     */
    public CustodialIdentityProvider(KeyVault vault, String keyPrefix) {
        this(vault, keyPrefix, DEFAULT_PRIORITY);
    }

    /** As {@link #CustodialIdentityProvider(KeyVault, String)} with another priority. */
    public CustodialIdentityProvider(KeyVault vault, String keyPrefix, int priority) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.priority = priority;
        HostUserKeys.walletKey(keyPrefix, HostUser.of("probe"));
    }

    @Override
    public int priority() {
        return priority;
    }

    /**
     * The user's custodial wallet, generating its key the first time.
     *
     * @throws KeyVaultException if the vault fails
     */
    @Override
    public IdentityResult resolve(HostUser user) {
        KeyUri key = HostUserKeys.walletKey(keyPrefix, user);
        if (vault.find(key).isEmpty()) {
            synchronized (this) {
                if (vault.find(key).isEmpty()) {
                    try {
                        vault.generate(key, KeyKind.SECP256K1);
                    } catch (KeyVaultException e) {
                        if (e.reason() != KeyVaultException.Reason.KEY_EXISTS) {
                            throw e;
                        }
                    }
                }
            }
        }
        VaultWalletSigner wallet = VaultWalletSigner.of(vault, key);
        EthereumAddress address = EthereumAddress.of(wallet.address());
        return IdentityResult.custodial(new Signer() {
            @Override
            public EthereumAddress address() {
                return address;
            }

            @Override
            public SigningResult sign(String text) {
                return new SigningResult.Signed(wallet.signPersonalMessage(text));
            }

            @Override
            public String toString() {
                return "CustodialSigner[" + address + "]";
            }
        });
    }

    @Override
    public String toString() {
        return "CustodialIdentityProvider[" + vault.name() + ", " + keyPrefix + "]";
    }
}
