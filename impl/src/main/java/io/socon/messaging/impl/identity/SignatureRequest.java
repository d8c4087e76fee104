package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Ed25519ph;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.Eip191Recovery;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.identity.associations.AddAssociation;
import io.socon.messaging.impl.wire.identity.associations.CreateInbox;
import io.socon.messaging.impl.wire.identity.associations.IdentifierKind;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.MemberIdentifier;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEcdsaSignature;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEd25519Signature;
import io.socon.messaging.impl.wire.identity.associations.RevokeAssociation;
import io.socon.messaging.impl.wire.identity.associations.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An identity update waiting for its signatures: the actions, the one text all signers sign, and who still has
 * to sign. Like libxmtp's {@code SignatureRequest} ({@code xmtp_id/src/associations/builder.rs}), a signer signs
 * once and its signature fills every field that asks for it (the registration's wallet signature is used twice).
 *
 * <p>Immutable: adding a signature returns a new request. Signatures are verified when added, so a wrong one is
 * refused at once rather than by the node.
 */
public final class SignatureRequest {

    private final String inboxId;
    private final long clientTimestampNs;
    private final List<Pending> actions;
    private final String signatureText;
    private final Map<MemberId, Signature> signatures;

    private SignatureRequest(String inboxId, long clientTimestampNs, List<Pending> actions,
            Map<MemberId, Signature> signatures) {
        this.inboxId = inboxId;
        this.clientTimestampNs = clientTimestampNs;
        this.actions = List.copyOf(actions);
        this.signatureText = SignatureText.of(inboxId, clientTimestampNs,
                actions.stream().map(Pending::unsigned).toList());
        this.signatures = Map.copyOf(signatures);
    }

    /** Starts a request for an inbox, stamped with the given time (libxmtp uses the current time). */
    public static Builder builder(String inboxId, Instant now) {
        Objects.requireNonNull(now, "now");
        return new Builder(inboxId, Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L),
                now.getNano()));
    }

    /** The inbox the update is for. */
    public String inboxId() {
        return inboxId;
    }

    /** The text every signer signs. */
    public String signatureText() {
        return signatureText;
    }

    /** The wallet addresses that still have to sign. */
    public Set<String> missingWalletSignatures() {
        Set<String> missing = new LinkedHashSet<>();
        for (MemberId signer : missingSigners()) {
            if (signer instanceof MemberId.Ethereum ethereum) {
                missing.add(ethereum.address());
            }
        }
        return missing;
    }

    /** The installation keys (lowercase hex) that still have to sign. */
    public Set<String> missingInstallationSignatures() {
        Set<String> missing = new LinkedHashSet<>();
        for (MemberId signer : missingSigners()) {
            if (signer instanceof MemberId.Installation installation) {
                missing.add(installation.text());
            }
        }
        return missing;
    }

    /** Whether every signer has signed. */
    public boolean isComplete() {
        return missingSigners().isEmpty();
    }

    /**
     * Adds a wallet's EIP-191 signature of {@link #signatureText()}.
     *
     * @throws IllegalArgumentException if the signature is malformed or recovers to an address that is not asked
     *     to sign
     */
    public SignatureRequest withWalletSignature(byte[] signature) {
        Eip191Recovery recovery = Eip191.recover(signatureText, signature);
        MemberId signer = MemberId.ethereum(recovery.address());
        requirePending(signer, "the wallet signature recovers to " + recovery.address());
        Signature proto = Signature.newBuilder()
                .setErc191(RecoverableEcdsaSignature.newBuilder().setBytes(ByteString.copyFrom(signature)))
                .build();
        return with(signer, proto);
    }

    /**
     * Adds an installation key's Ed25519ph signature of {@link #signatureText()}.
     *
     * @throws IllegalArgumentException if the signature does not verify or that key is not asked to sign
     */
    public SignatureRequest withInstallationSignature(byte[] publicKey, byte[] signature) {
        boolean valid = Ed25519ph.verify(publicKey, Ed25519ph.identityUpdateContext(),
                signatureText.getBytes(StandardCharsets.UTF_8), signature);
        if (!valid) {
            throw new IllegalArgumentException("the installation signature by " + Hex.encode(publicKey)
                    + " does not verify against this request's signature text");
        }
        MemberId signer = MemberId.installation(publicKey);
        requirePending(signer, "installation " + Hex.encode(publicKey));
        Signature proto = Signature.newBuilder()
                .setInstallationKey(RecoverableEd25519Signature.newBuilder()
                        .setBytes(ByteString.copyFrom(signature))
                        .setPublicKey(ByteString.copyFrom(publicKey)))
                .build();
        return with(signer, proto);
    }

    /** Signs with the wallet and adds its signature. */
    public SignatureRequest signedBy(WalletSigner wallet) {
        return withWalletSignature(wallet.signPersonalMessage(signatureText));
    }

    /** Signs with the installation key and adds its signature. */
    public SignatureRequest signedBy(InstallationSigner installation) {
        return withInstallationSignature(installation.publicKey(), installation.signIdentityText(signatureText));
    }

    /**
     * The finished update.
     *
     * @throws IllegalStateException if a signature is still missing
     */
    public IdentityUpdate toIdentityUpdate() {
        Set<MemberId> missing = missingSigners();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the identity update still needs signatures from " + missing);
        }
        IdentityUpdate.Builder update = IdentityUpdate.newBuilder()
                .setInboxId(inboxId)
                .setClientTimestampNs(clientTimestampNs);
        for (Pending action : actions) {
            update.addActions(action.toProto(signatures));
        }
        return update.build();
    }

    private Set<MemberId> missingSigners() {
        Set<MemberId> missing = new LinkedHashSet<>();
        for (Pending action : actions) {
            for (MemberId signer : action.signers()) {
                if (!signatures.containsKey(signer)) {
                    missing.add(signer);
                }
            }
        }
        return missing;
    }

    private void requirePending(MemberId signer, String who) {
        if (!missingSigners().contains(signer)) {
            throw new IllegalArgumentException(who + ", which this request does not (or no longer) need; waiting for "
                    + missingSigners());
        }
    }

    private SignatureRequest with(MemberId signer, Signature signature) {
        Map<MemberId, Signature> next = new LinkedHashMap<>(signatures);
        next.put(signer, signature);
        return new SignatureRequest(inboxId, clientTimestampNs, actions, next);
    }

    /** Collects the actions of one update. */
    public static final class Builder {

        private final String inboxId;
        private final long clientTimestampNs;
        private final List<Pending> actions = new ArrayList<>();

        private Builder(String inboxId, long clientTimestampNs) {
            this.inboxId = Objects.requireNonNull(inboxId, "inboxId");
            this.clientTimestampNs = clientTimestampNs;
        }

        /** Creates the inbox owned by a wallet; must come first, and the inbox id must be derived from both. */
        public Builder createInbox(String walletAddress, long nonce) {
            actions.add(new Pending.Create(MemberId.ethereum(EthereumAddresses.normalize(walletAddress)), nonce));
            return this;
        }

        /** Adds an installation, vouched for by a wallet that is a member or the recovery address. */
        public Builder addInstallation(byte[] installationPublicKey, String existingMemberAddress) {
            requireInstallationKey(installationPublicKey);
            actions.add(new Pending.Add(MemberId.installation(installationPublicKey),
                    MemberId.ethereum(EthereumAddresses.normalize(existingMemberAddress))));
            return this;
        }

        /** Revokes an installation; the recovery address must sign. */
        public Builder revokeInstallation(byte[] installationPublicKey, String recoveryAddress) {
            requireInstallationKey(installationPublicKey);
            actions.add(new Pending.Revoke(MemberId.installation(installationPublicKey),
                    MemberId.ethereum(EthereumAddresses.normalize(recoveryAddress))));
            return this;
        }

        /** The request, ready to collect signatures. */
        public SignatureRequest build() {
            if (actions.isEmpty()) {
                throw new IllegalStateException("an identity update needs at least one action");
            }
            return new SignatureRequest(inboxId, clientTimestampNs, actions, Map.of());
        }

        private static void requireInstallationKey(byte[] publicKey) {
            if (!Ed25519ph.isValidPublicKey(publicKey)) {
                throw new IllegalArgumentException("an installation key is a 32-byte Ed25519 public key, got "
                        + (publicKey == null ? "null" : publicKey.length + " bytes that are not one"));
            }
        }
    }

    /** An action and who must sign it. */
    private sealed interface Pending {

        UnsignedAction unsigned();

        List<MemberId> signers();

        IdentityAction toProto(Map<MemberId, Signature> signatures);

        record Create(MemberId.Ethereum owner, long nonce) implements Pending {
            @Override
            public UnsignedAction unsigned() {
                return new UnsignedAction.CreateInbox(owner, nonce);
            }

            @Override
            public List<MemberId> signers() {
                return List.of(owner);
            }

            @Override
            public IdentityAction toProto(Map<MemberId, Signature> signatures) {
                return IdentityAction.newBuilder().setCreateInbox(CreateInbox.newBuilder()
                        .setInitialIdentifier(owner.address())
                        .setInitialIdentifierKind(IdentifierKind.IDENTIFIER_KIND_ETHEREUM)
                        .setNonce(nonce)
                        .setInitialIdentifierSignature(signatures.get(owner))).build();
            }
        }

        record Add(MemberId.Installation newMember, MemberId.Ethereum existingMember) implements Pending {
            @Override
            public UnsignedAction unsigned() {
                return new UnsignedAction.AddAssociation(newMember);
            }

            @Override
            public List<MemberId> signers() {
                return List.of(existingMember, newMember);
            }

            @Override
            public IdentityAction toProto(Map<MemberId, Signature> signatures) {
                return IdentityAction.newBuilder().setAdd(AddAssociation.newBuilder()
                        .setNewMemberIdentifier(MemberIdentifier.newBuilder()
                                .setInstallationPublicKey(newMember.publicKey()))
                        .setExistingMemberSignature(signatures.get(existingMember))
                        .setNewMemberSignature(signatures.get(newMember))).build();
            }
        }

        record Revoke(MemberId.Installation member, MemberId.Ethereum recovery) implements Pending {
            @Override
            public UnsignedAction unsigned() {
                return new UnsignedAction.RevokeAssociation(member);
            }

            @Override
            public List<MemberId> signers() {
                return List.of(recovery);
            }

            @Override
            public IdentityAction toProto(Map<MemberId, Signature> signatures) {
                return IdentityAction.newBuilder().setRevoke(RevokeAssociation.newBuilder()
                        .setMemberToRevoke(MemberIdentifier.newBuilder().setInstallationPublicKey(member.publicKey()))
                        .setRecoveryIdentifierSignature(signatures.get(recovery))).build();
            }
        }
    }
}
