package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.wire.identity.associations.LegacyDelegatedSignature;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEcdsaSignature;
import io.socon.messaging.impl.wire.identity.associations.Signature;
import io.socon.messaging.impl.wire.messagecontents.SignedPublicKey;
import io.socon.messaging.impl.wire.messagecontents.UnsignedPublicKey;
import java.math.BigInteger;
import org.web3j.crypto.Sign;

/** Makes XMTP v2 legacy identity keys, vouched for by a wallet, for the legacy-delegated tests. */
final class LegacyKeys {

    private LegacyKeys() {
    }

    /** A legacy key (private key {@code legacyKey}) that {@code wallet} signed, as a v2 client made them. */
    static IdentityTestKit.Signer delegated(byte[] legacyKey, WalletSigner wallet) {
        SignedPublicKey delegatedKey = vouchedKey(legacyKey, wallet);
        return text -> Signature.newBuilder().setDelegatedErc191(LegacyDelegatedSignature.newBuilder()
                .setDelegatedKey(delegatedKey)
                .setSignature(RecoverableEcdsaSignature.newBuilder()
                        .setBytes(ByteString.copyFrom(Eip191.sign(legacyKey, text))))).build();
    }

    static SignedPublicKey vouchedKey(byte[] legacyKey, WalletSigner wallet) {
        BigInteger xy = Sign.publicKeyFromPrivate(new BigInteger(1, legacyKey));
        byte[] uncompressed = new byte[65];
        uncompressed[0] = 4;
        byte[] raw = xy.toByteArray();
        int copy = Math.min(raw.length, 64);
        System.arraycopy(raw, raw.length - copy, uncompressed, 65 - copy, copy);
        byte[] keyBytes = UnsignedPublicKey.newBuilder()
                .setCreatedNs(1_600_000_000_000_000_000L)
                .setSecp256K1Uncompressed(UnsignedPublicKey.Secp256k1Uncompressed.newBuilder()
                        .setBytes(ByteString.copyFrom(uncompressed)))
                .build().toByteArray();
        byte[] walletSignature = wallet.signPersonalMessage(LegacyKeyText.of(keyBytes));
        return SignedPublicKey.newBuilder()
                .setKeyBytes(ByteString.copyFrom(keyBytes))
                .setSignature(io.socon.messaging.impl.wire.messagecontents.Signature.newBuilder()
                        .setWalletEcdsaCompact(io.socon.messaging.impl.wire.messagecontents.Signature.WalletECDSACompact
                                .newBuilder()
                                .setBytes(ByteString.copyFrom(walletSignature, 0, 64))
                                .setRecovery(walletSignature[64] - 27)))
                .build();
    }
}
