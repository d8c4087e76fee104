package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.ADDING_SELF;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.CHAIN_ID_MISMATCH;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.CREATE_SIGNER_MISMATCH;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.EXISTING_SIGNER_NOT_MEMBER;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INBOX_ALREADY_CREATED;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INBOX_NOT_CREATED;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INSTALLATION_CANNOT_ADD_INSTALLATION;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INVALID_ACCOUNT_ADDRESS;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.LEGACY_SIGNATURE_MISUSE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.NEW_MEMBER_SIGNER_MISMATCH;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.NOT_SIGNED_BY_RECOVERY;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.REPLAYED_SIGNATURE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.SIGNATURE_KIND_NOT_ALLOWED;

import io.socon.messaging.impl.crypto.EthereumAddresses;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * XMTP's association rules: how one verified action changes an inbox's state, and when it may not. Checks
 * run in the order libxmtp runs them ({@code xmtp_id/src/associations/association_log.rs}), so the first rule
 * broken is the one reported.
 */
final class AssociationRules {

    private AssociationRules() {
    }

    /**
     * Applies one action.
     *
     * @param state the state before the action, or {@code null} if the inbox does not exist yet
     * @param clientTimestampNs the update's timestamp, recorded on added members
     */
    static AssociationState apply(AssociationState state, VerifiedAction action, int index, long clientTimestampNs)
            throws IdentityUpdateRejectedException {
        return switch (action) {
            case VerifiedAction.CreateInbox create -> createInbox(state, create, index);
            case VerifiedAction.AddAssociation add -> addAssociation(existing(state, index), add, index,
                    clientTimestampNs);
            case VerifiedAction.RevokeAssociation revoke -> revoke(existing(state, index), revoke, index);
            case VerifiedAction.ChangeRecoveryAddress change -> changeRecovery(existing(state, index), change, index);
        };
    }

    private static AssociationState existing(AssociationState state, int index) throws IdentityUpdateRejectedException {
        if (state == null) {
            throw new IdentityUpdateRejectedException(INBOX_NOT_CREATED, index,
                    "the inbox does not exist yet; its first update must start with CreateInbox");
        }
        return state;
    }

    private static AssociationState createInbox(AssociationState state, VerifiedAction.CreateInbox create, int index)
            throws IdentityUpdateRejectedException {
        if (state != null) {
            throw new IdentityUpdateRejectedException(INBOX_ALREADY_CREATED, index,
                    "CreateInbox for inbox " + state.inboxId() + ", which already exists");
        }
        VerifiedSignature signature = create.ownerSignature();
        if (!signature.signer().equals(create.owner())) {
            throw new IdentityUpdateRejectedException(CREATE_SIGNER_MISMATCH, index,
                    "CreateInbox names " + create.owner() + " as owner but its initial_identifier_signature was made by "
                            + signature.signer() + "; the owner must sign");
        }
        requireKindFits(create.owner().kind(), signature, "initial_identifier_signature", index);
        if (signature.kind() == SignatureKind.LEGACY_DELEGATED && create.nonce() != 0) {
            throw new IdentityUpdateRejectedException(LEGACY_SIGNATURE_MISUSE, index,
                    "a legacy delegated signature can only create the inbox with nonce 0, this one has nonce "
                            + Long.toUnsignedString(create.nonce()));
        }
        String inboxId = inboxIdOf(create.owner(), create.nonce(), index);
        Member creator = new Member(create.owner(), Optional.empty(), OptionalLong.empty(), signature.chainId());
        return AssociationState.created(inboxId, create.owner(), creator);
    }

    private static AssociationState addAssociation(AssociationState state, VerifiedAction.AddAssociation add,
            int index, long clientTimestampNs) throws IdentityUpdateRejectedException {
        requireNotReplayed(state, add.signatures(), index);
        VerifiedSignature newSignature = add.newMemberSignature();
        VerifiedSignature existingSignature = add.existingMemberSignature();
        MemberId newSigner = newSignature.signer();
        MemberId existingSigner = existingSignature.signer();

        if (!newSigner.equals(add.newMember())) {
            throw new IdentityUpdateRejectedException(NEW_MEMBER_SIGNER_MISMATCH, index,
                    "AddAssociation adds " + add.newMember() + " but its new_member_signature was made by " + newSigner
                            + "; the member being added must sign");
        }
        if (newSigner.equals(existingSigner)) {
            throw new IdentityUpdateRejectedException(ADDING_SELF, index,
                    newSigner + " signed both as the existing member and as the new member; a member cannot add itself");
        }
        boolean legacyUsed = newSignature.kind() == SignatureKind.LEGACY_DELEGATED
                || existingSignature.kind() == SignatureKind.LEGACY_DELEGATED;
        if (legacyUsed && existingSigner.kind() != MemberKind.INSTALLATION
                && !state.inboxId().equals(inboxIdOf(existingSigner, 0, index))) {
            throw new IdentityUpdateRejectedException(LEGACY_SIGNATURE_MISUSE, index,
                    "a legacy delegated signature can only add members to the inbox with nonce 0 of "
                            + existingSigner);
        }
        requireKindFits(add.newMember().kind(), newSignature, "new_member_signature", index);

        Optional<Member> existingMember = state.member(existingSigner);
        if (existingMember.isPresent()) {
            requireSameChain(existingMember.get(), existingSignature, "existing_member_signature", index);
        }
        MemberId addedBy;
        if (existingMember.isPresent()) {
            addedBy = existingMember.get().id();
        } else {
            if (!existingSigner.equals(state.recoveryIdentifier())) {
                throw new IdentityUpdateRejectedException(EXISTING_SIGNER_NOT_MEMBER, index,
                        "existing_member_signature was made by " + existingSigner
                                + ", who is neither a member of inbox " + state.inboxId()
                                + " nor its recovery identifier");
            }
            if (existingSignature.kind() == SignatureKind.LEGACY_DELEGATED) {
                throw new IdentityUpdateRejectedException(LEGACY_SIGNATURE_MISUSE, index,
                        "the recovery identifier must sign with its wallet, not with a legacy delegated key");
            }
            addedBy = state.recoveryIdentifier();
        }
        requireKindFits(addedBy.kind(), existingSignature, "existing_member_signature", index);
        if (existingSigner.kind() == MemberKind.INSTALLATION && add.newMember().kind() == MemberKind.INSTALLATION) {
            throw new IdentityUpdateRejectedException(INSTALLATION_CANNOT_ADD_INSTALLATION, index,
                    existingSigner + " tried to add " + add.newMember()
                            + "; an installation cannot add another installation, a wallet must sign instead");
        }
        Member added = new Member(newSigner, Optional.of(addedBy), OptionalLong.of(clientTimestampNs),
                newSignature.chainId());
        return state.withMember(added);
    }

    private static AssociationState revoke(AssociationState state, VerifiedAction.RevokeAssociation revoke, int index)
            throws IdentityUpdateRejectedException {
        requireNotReplayed(state, revoke.signatures(), index);
        VerifiedSignature signature = revoke.recoverySignature();
        requireRecoverySigner(state, signature, "RevokeAssociation", index);
        List<Member> childInstallations = state.membersAddedBy(revoke.member()).stream()
                .filter(child -> child.kind() == MemberKind.INSTALLATION)
                .toList();
        AssociationState next = state.withoutMember(revoke.member());
        for (Member child : childInstallations) {
            next = next.withoutMember(child.id());
        }
        return next;
    }

    private static AssociationState changeRecovery(AssociationState state,
            VerifiedAction.ChangeRecoveryAddress change, int index) throws IdentityUpdateRejectedException {
        requireNotReplayed(state, change.signatures(), index);
        requireRecoverySigner(state, change.recoverySignature(), "ChangeRecoveryAddress", index);
        return state.withRecoveryIdentifier(change.newRecovery());
    }

    private static void requireRecoverySigner(AssociationState state, VerifiedSignature signature, String action,
            int index) throws IdentityUpdateRejectedException {
        Optional<Member> signerAsMember = state.member(signature.signer());
        if (signerAsMember.isPresent()) {
            requireSameChain(signerAsMember.get(), signature, "the recovery signature", index);
        }
        if (signature.kind() == SignatureKind.LEGACY_DELEGATED) {
            throw new IdentityUpdateRejectedException(SIGNATURE_KIND_NOT_ALLOWED, index,
                    action + " was signed with a legacy delegated key; the recovery identifier must sign with its "
                            + "wallet (ERC-191 or smart-contract wallet)");
        }
        if (!signature.signer().equals(state.recoveryIdentifier())) {
            throw new IdentityUpdateRejectedException(NOT_SIGNED_BY_RECOVERY, index,
                    action + " was signed by " + signature.signer() + ", but only the recovery identifier "
                            + state.recoveryIdentifier() + " may sign it");
        }
    }

    private static void requireNotReplayed(AssociationState state, List<VerifiedSignature> signatures, int index)
            throws IdentityUpdateRejectedException {
        for (VerifiedSignature signature : signatures) {
            if (state.hasSeenSignature(signature.identity())) {
                throw new IdentityUpdateRejectedException(REPLAYED_SIGNATURE, index,
                        "a signature by " + signature.signer() + " was already used by an earlier update of inbox "
                                + state.inboxId() + "; every update needs fresh signatures");
            }
        }
    }

    private static void requireKindFits(MemberKind role, VerifiedSignature signature, String field, int index)
            throws IdentityUpdateRejectedException {
        if (!signature.kind().fits(role)) {
            throw new IdentityUpdateRejectedException(SIGNATURE_KIND_NOT_ALLOWED, index,
                    field + " is a " + signature.kind() + " signature, which a member of kind " + role
                            + " cannot use");
        }
    }

    private static void requireSameChain(Member member, VerifiedSignature signature, String field, int index)
            throws IdentityUpdateRejectedException {
        if (!member.addedOnChainId().equals(signature.chainId())) {
            throw new IdentityUpdateRejectedException(CHAIN_ID_MISMATCH, index,
                    field + " by " + member.id() + " comes from chain " + chainText(signature.chainId())
                            + " but the member was added on chain " + chainText(member.addedOnChainId()));
        }
    }

    private static String chainText(OptionalLong chainId) {
        return chainId.isPresent() ? Long.toUnsignedString(chainId.getAsLong()) : "none (not a smart-contract wallet)";
    }

    /** libxmtp's {@code Identifier::inbox_id}: the address must be 0x and 40 hex digits (either case). */
    private static String inboxIdOf(MemberId identifier, long nonce, int index) throws IdentityUpdateRejectedException {
        if (identifier instanceof MemberId.Ethereum ethereum) {
            if (!EthereumAddresses.isWellFormed(ethereum.address())) {
                throw new IdentityUpdateRejectedException(INVALID_ACCOUNT_ADDRESS, index, "'"
                        + WireReader.shorten(ethereum.address())
                        + "' is not an Ethereum address (0x and 40 hex digits), so it cannot own an inbox");
            }
            return InboxId.derive(ethereum.address(), nonce);
        }
        throw new IdentityUpdateRejectedException(IdentityUpdateRejectedException.Rule.NOT_SUPPORTED, index,
                identifier + " cannot own an inbox here; only Ethereum addresses are supported");
    }
}
