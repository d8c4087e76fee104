package io.socon.messaging.impl.identity;

import java.util.List;
import java.util.Objects;

/** An action whose signatures have been verified, ready for the association rules. */
sealed interface VerifiedAction {

    /** The signatures to remember as seen once the update is applied, in libxmtp's order. */
    List<VerifiedSignature> signatures();

    /** Creates the inbox. */
    record CreateInbox(MemberId owner, long nonce, VerifiedSignature ownerSignature) implements VerifiedAction {
        public CreateInbox {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(ownerSignature, "ownerSignature");
        }

        @Override
        public List<VerifiedSignature> signatures() {
            return List.of(ownerSignature);
        }
    }

    /** Adds a member, vouched for by an existing member (or the recovery identifier) and by itself. */
    record AddAssociation(MemberId newMember, VerifiedSignature existingMemberSignature,
            VerifiedSignature newMemberSignature) implements VerifiedAction {
        public AddAssociation {
            Objects.requireNonNull(newMember, "newMember");
            Objects.requireNonNull(existingMemberSignature, "existingMemberSignature");
            Objects.requireNonNull(newMemberSignature, "newMemberSignature");
        }

        @Override
        public List<VerifiedSignature> signatures() {
            return List.of(existingMemberSignature, newMemberSignature);
        }
    }

    /** Removes a member. */
    record RevokeAssociation(MemberId member, VerifiedSignature recoverySignature) implements VerifiedAction {
        public RevokeAssociation {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(recoverySignature, "recoverySignature");
        }

        @Override
        public List<VerifiedSignature> signatures() {
            return List.of(recoverySignature);
        }
    }

    /** Changes the recovery identifier. */
    record ChangeRecoveryAddress(MemberId newRecovery, VerifiedSignature recoverySignature)
            implements VerifiedAction {
        public ChangeRecoveryAddress {
            Objects.requireNonNull(newRecovery, "newRecovery");
            Objects.requireNonNull(recoverySignature, "recoverySignature");
        }

        @Override
        public List<VerifiedSignature> signatures() {
            return List.of(recoverySignature);
        }
    }
}
