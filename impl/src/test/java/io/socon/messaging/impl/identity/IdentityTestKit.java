package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.identity.associations.AddAssociation;
import io.socon.messaging.impl.wire.identity.associations.ChangeRecoveryAddress;
import io.socon.messaging.impl.wire.identity.associations.CreateInbox;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.MemberIdentifier;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEcdsaSignature;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEd25519Signature;
import io.socon.messaging.impl.wire.identity.associations.RevokeAssociation;
import io.socon.messaging.impl.wire.identity.associations.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Fixed keys and a forge for hand-made identity updates, so tests can build what no honest builder would. */
final class IdentityTestKit {

    /** Hardhat accounts #0, #1 and #2. */
    static final PrivateKeyWalletSigner ALICE = PrivateKeyWalletSigner.of(
            Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    static final PrivateKeyWalletSigner BOB = PrivateKeyWalletSigner.of(
            Hex.decode("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
    static final PrivateKeyWalletSigner CAROL = PrivateKeyWalletSigner.of(
            Hex.decode("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"));

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.123456789Z"), ZoneOffset.UTC);

    private IdentityTestKit() {
    }

    /** A deterministic installation key: seed = 32 bytes of {@code n}. */
    static Ed25519InstallationSigner installation(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return Ed25519InstallationSigner.of(seed);
    }

    static long ns(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Makes a signature once the signature text is known. */
    @FunctionalInterface
    interface Signer extends Function<String, Signature> {
    }

    static Signer wallet(WalletSigner wallet) {
        return text -> erc191(wallet.signPersonalMessage(text));
    }

    static Signer installationKey(InstallationSigner installation) {
        return text -> Signature.newBuilder().setInstallationKey(RecoverableEd25519Signature.newBuilder()
                .setBytes(ByteString.copyFrom(installation.signIdentityText(text)))
                .setPublicKey(ByteString.copyFrom(installation.publicKey()))).build();
    }

    static Signer fixed(Signature signature) {
        return text -> signature;
    }

    static Signature erc191(byte[] bytes) {
        return Signature.newBuilder().setErc191(RecoverableEcdsaSignature.newBuilder()
                .setBytes(ByteString.copyFrom(bytes))).build();
    }

    static MemberIdentifier installationId(InstallationSigner installation) {
        return MemberIdentifier.newBuilder()
                .setInstallationPublicKey(ByteString.copyFrom(installation.publicKey())).build();
    }

    static MemberIdentifier addressId(WalletSigner wallet) {
        return MemberIdentifier.newBuilder().setEthereumAddress(wallet.address()).build();
    }

    static Forge forge(String inboxId) {
        return new Forge(inboxId, ns(CLOCK));
    }

    /**
     * Builds an update action by action; each signature is made over the final signature text by its
     * {@link Signer}, so a test can sign with the wrong key, a wrong text, or not at all.
     */
    static final class Forge {
        private final String inboxId;
        private long clientTimestampNs;
        private final List<Function<Function<Signer, Signature>, IdentityAction>> actions = new ArrayList<>();

        Forge(String inboxId, long clientTimestampNs) {
            this.inboxId = inboxId;
            this.clientTimestampNs = clientTimestampNs;
        }

        Forge at(long timestampNs) {
            this.clientTimestampNs = timestampNs;
            return this;
        }

        Forge createInbox(String address, long nonce, Signer signer) {
            actions.add(sign -> IdentityAction.newBuilder().setCreateInbox(CreateInbox.newBuilder()
                    .setInitialIdentifier(address).setNonce(nonce).setInitialIdentifierKindValue(1)
                    .setInitialIdentifierSignature(sign.apply(signer))).build());
            return this;
        }

        Forge add(MemberIdentifier newMember, Signer existing, Signer added) {
            actions.add(sign -> {
                AddAssociation.Builder add = AddAssociation.newBuilder().setNewMemberIdentifier(newMember);
                if (existing != null) {
                    add.setExistingMemberSignature(sign.apply(existing));
                }
                if (added != null) {
                    add.setNewMemberSignature(sign.apply(added));
                }
                return IdentityAction.newBuilder().setAdd(add).build();
            });
            return this;
        }

        Forge revoke(MemberIdentifier member, Signer recovery) {
            actions.add(sign -> IdentityAction.newBuilder().setRevoke(RevokeAssociation.newBuilder()
                    .setMemberToRevoke(member).setRecoveryIdentifierSignature(sign.apply(recovery))).build());
            return this;
        }

        Forge changeRecovery(String newRecovery, Signer recovery) {
            actions.add(sign -> IdentityAction.newBuilder().setChangeRecoveryAddress(ChangeRecoveryAddress.newBuilder()
                    .setNewRecoveryIdentifier(newRecovery)
                    .setExistingRecoveryIdentifierSignature(sign.apply(recovery))).build());
            return this;
        }

        Forge raw(IdentityAction action) {
            actions.add(sign -> action);
            return this;
        }

        IdentityUpdate build() {
            IdentityUpdate.Builder unsigned = IdentityUpdate.newBuilder()
                    .setInboxId(inboxId).setClientTimestampNs(clientTimestampNs);
            for (var action : actions) {
                unsigned.addActions(action.apply(signer -> Signature.getDefaultInstance()));
            }
            String text = SignatureText.of(unsigned.build());
            IdentityUpdate.Builder signed = IdentityUpdate.newBuilder()
                    .setInboxId(inboxId).setClientTimestampNs(clientTimestampNs);
            for (var action : actions) {
                signed.addActions(action.apply(signer -> signer.apply(text)));
            }
            return signed.build();
        }
    }
}
