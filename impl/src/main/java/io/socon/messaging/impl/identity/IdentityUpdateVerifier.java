package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.EMPTY_UPDATE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INBOX_LOG_FULL;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INBOX_NOT_CREATED;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.WRONG_INBOX_ID;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies XMTP identity updates: every signature, and every association rule, as libxmtp does
 * ({@code xmtp_id/src/associations}); the relay node calls {@link #verifyNext} before it stores an update.
 *
 * <p>An update is atomic: if any action breaks a rule, none of it applies. A signature used by an earlier
 * update of the inbox is a replay; the same signature may appear more than once within one update (the
 * registration update uses the wallet's signature twice). The node refuses an update when the inbox already
 * has {@value #MAX_UPDATES_PER_INBOX} updates, as xmtp-node-go does.
 *
 * <p>Thread-safe and stateless apart from the optional smart-contract wallet verifier. Every call re-verifies
 * the whole log it is given, as xmtp-node-go does through libxmtp's validation service.
 */
public final class IdentityUpdateVerifier {

    /** The most updates a node stores for one inbox (xmtp-node-go {@code PublishIdentityUpdate}). */
    public static final int MAX_UPDATES_PER_INBOX = 256;

    private final SignatureVerifier signatures;

    /** A verifier that refuses smart-contract wallet signatures (no chain RPC). */
    public IdentityUpdateVerifier() {
        this.signatures = new SignatureVerifier(Optional.empty());
    }

    /** A verifier that checks smart-contract wallet signatures with the given chain verifier. */
    public IdentityUpdateVerifier(SmartContractWalletVerifier smartContractWallets) {
        this.signatures = new SignatureVerifier(Optional.of(
                Objects.requireNonNull(smartContractWallets, "smartContractWallets")));
    }

    /**
     * Decides whether {@code next} may be appended to an inbox's accepted log.
     *
     * @param acceptedLog the updates already stored for {@code next.getInboxId()}, oldest first; empty for a new
     *     inbox
     * @param next the update a client wants to publish
     * @return the state before and after, and the members added and removed
     * @throws IdentityUpdateRejectedException if the log is full, {@code next} has no actions, or any signature or
     *     rule fails (in {@code next} or, unexpectedly, in the accepted log)
     */
    public VerifiedUpdate verifyNext(List<IdentityUpdate> acceptedLog, IdentityUpdate next)
            throws IdentityUpdateRejectedException {
        Objects.requireNonNull(acceptedLog, "acceptedLog");
        Objects.requireNonNull(next, "next");
        if (acceptedLog.size() >= MAX_UPDATES_PER_INBOX) {
            throw new IdentityUpdateRejectedException(INBOX_LOG_FULL, "inbox " + next.getInboxId() + " already has "
                    + acceptedLog.size() + " identity updates; a node accepts at most " + MAX_UPDATES_PER_INBOX
                    + ", so no further update can be published for it");
        }
        if (next.getActionsCount() == 0) {
            throw new IdentityUpdateRejectedException(EMPTY_UPDATE,
                    "the update has no actions; publish at least one signed action");
        }
        Optional<AssociationState> before = acceptedLog.isEmpty() ? Optional.empty() : Optional.of(replay(acceptedLog));
        AssociationState after = apply(before.orElse(null), next);
        return VerifiedUpdate.between(before, after);
    }

    /**
     * Computes an inbox's state from its whole log.
     *
     * @param log the inbox's updates, oldest first; the first must create the inbox
     * @throws IdentityUpdateRejectedException if the log is empty or any update breaks a rule; the message says
     *     which log entry
     */
    public AssociationState replay(List<IdentityUpdate> log) throws IdentityUpdateRejectedException {
        Objects.requireNonNull(log, "log");
        if (log.isEmpty()) {
            throw new IdentityUpdateRejectedException(INBOX_NOT_CREATED, "the log is empty, so there is no inbox");
        }
        AssociationState state = null;
        for (int i = 0; i < log.size(); i++) {
            try {
                state = apply(state, log.get(i));
            } catch (IdentityUpdateRejectedException e) {
                throw e.inLogEntry(i, log.size());
            }
        }
        return state;
    }

    /** Applies one update to a state ({@code null} before the inbox exists), all or nothing. */
    AssociationState apply(AssociationState state, IdentityUpdate update) throws IdentityUpdateRejectedException {
        List<ReadAction> read = WireReader.actions(update);
        String text = SignatureText.of(update.getInboxId(), update.getClientTimestampNs(),
                read.stream().map(ReadAction::unsigned).toList());

        List<VerifiedAction> verified = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            verified.add(verify(read.get(i), text, i));
        }

        AssociationState next = state;
        for (int i = 0; i < verified.size(); i++) {
            next = AssociationRules.apply(next, verified.get(i), i, update.getClientTimestampNs());
        }
        if (next == null) {
            throw new IdentityUpdateRejectedException(INBOX_NOT_CREATED,
                    "the update has no actions and the inbox does not exist yet");
        }
        if (!next.inboxId().equals(update.getInboxId())) {
            throw new IdentityUpdateRejectedException(WRONG_INBOX_ID, "the update says inbox_id '"
                    + WireReader.shorten(update.getInboxId()) + "' but its actions apply to inbox " + next.inboxId()
                    + " (for a new inbox: sha256 of the lowercase address and the nonce)");
        }
        List<ByteString> used = verified.stream()
                .flatMap(action -> action.signatures().stream())
                .map(VerifiedSignature::identity)
                .toList();
        return next.withSeenSignatures(used);
    }

    private VerifiedAction verify(ReadAction action, String text, int index) throws IdentityUpdateRejectedException {
        List<VerifiedSignature> sigs = new ArrayList<>();
        for (ReadAction.Signed signed : action.signatures()) {
            sigs.add(signatures.verify(signed, text, index));
        }
        return switch (action.unsigned()) {
            case UnsignedAction.CreateInbox create -> {
                rejectPasskey(create.owner(), "initial_identifier", index);
                yield new VerifiedAction.CreateInbox(create.owner(), create.nonce(), sigs.get(0));
            }
            case UnsignedAction.AddAssociation add -> {
                rejectPasskey(add.newMember(), "new_member_identifier", index);
                yield new VerifiedAction.AddAssociation(add.newMember(), sigs.get(0), sigs.get(1));
            }
            case UnsignedAction.RevokeAssociation revoke -> {
                rejectPasskey(revoke.member(), "member_to_revoke", index);
                yield new VerifiedAction.RevokeAssociation(revoke.member(), sigs.get(0));
            }
            case UnsignedAction.ChangeRecoveryAddress change -> {
                rejectPasskey(change.newRecovery(), "new_recovery_identifier", index);
                yield new VerifiedAction.ChangeRecoveryAddress(change.newRecovery(), sigs.get(0));
            }
        };
    }

    private static void rejectPasskey(MemberId id, String field, int index) throws IdentityUpdateRejectedException {
        if (id.kind() == MemberKind.PASSKEY) {
            throw new IdentityUpdateRejectedException(IdentityUpdateRejectedException.Rule.NOT_SUPPORTED, index,
                    field + " is a passkey; passkeys are not supported by this implementation yet");
        }
    }
}
