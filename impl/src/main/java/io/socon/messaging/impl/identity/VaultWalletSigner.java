package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.spi.keyvault.KeyInfo;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.SignRequest;
import java.util.Objects;

/**
 * A custodial wallet whose secp256k1 key lives in a {@link KeyVault}: it signs EIP-191 texts inside the vault
 * (the vault sees only the Keccak-256 digest) and the private key never leaves it.
 */
public final class VaultWalletSigner implements WalletSigner {

    private final KeyVault vault;
    private final KeyUri key;
    private final String address;

    private VaultWalletSigner(KeyVault vault, KeyUri key, String address) {
        this.vault = vault;
        this.key = key;
        this.address = address;
    }

    /**
     * The wallet of an existing secp256k1 key in the vault.
     *
     * @throws IllegalArgumentException if the vault has no such key or it is not a secp256k1 key
     */
    public static VaultWalletSigner of(KeyVault vault, KeyUri key) {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(key, "key");
        KeyInfo info = vault.find(key).orElseThrow(() ->
                new IllegalArgumentException("the key vault " + vault.name() + " has no key " + key));
        if (info.kind() != KeyKind.SECP256K1) {
            throw new IllegalArgumentException("key " + key + " is a " + info.kind() + " key, not a secp256k1 wallet key");
        }
        return new VaultWalletSigner(vault, key, EthereumAddresses.fromSec1PublicKey(info.publicKey()));
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public byte[] signPersonalMessage(String text) {
        return vault.sign(key, SignRequest.secp256k1(Eip191.hashMessage(text)));
    }

    @Override
    public String toString() {
        return "VaultWalletSigner[" + address + " in " + vault.name() + "]";
    }
}
