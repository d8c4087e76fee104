package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INVALID_SIGNATURE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.MALFORMED_UPDATE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.NOT_SUPPORTED;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Ed25519ph;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.identity.associations.AddAssociation;
import io.socon.messaging.impl.wire.identity.associations.ChangeRecoveryAddress;
import io.socon.messaging.impl.wire.identity.associations.CreateInbox;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.LegacyDelegatedSignature;
import io.socon.messaging.impl.wire.identity.associations.MemberIdentifier;
import io.socon.messaging.impl.wire.identity.associations.RevokeAssociation;
import io.socon.messaging.impl.wire.identity.associations.Signature;
import io.socon.messaging.impl.wire.identity.associations.SmartContractWalletSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads identity updates from their protobuf form into actions and unverified signatures, refusing missing
 * fields as libxmtp's conversions do ({@code xmtp_id/src/associations/serialization.rs}).
 *
 * <p>Identifiers are kept exactly as sent: libxmtp does not lowercase addresses read from the wire, so an
 * uppercase address simply never matches a recovered signer.
 */
final class WireReader {

    /** IdentifierKind value for passkeys; every other value (0, 1, unknown) is read as Ethereum, as prost does. */
    private static final int IDENTIFIER_KIND_PASSKEY = 2;

    private static final Pattern CAIP2_CHAIN_ID = Pattern.compile("[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}");
    private static final Pattern CAIP10_ACCOUNT = Pattern.compile("[-.%a-zA-Z0-9]{1,128}");

    private WireReader() {
    }

    /** The update's actions without signatures, for the signature text. */
    static List<UnsignedAction> unsignedActions(IdentityUpdate update) throws IdentityUpdateRejectedException {
        checkEveryActionHasAKind(update);
        List<UnsignedAction> actions = new ArrayList<>();
        for (int i = 0; i < update.getActionsCount(); i++) {
            actions.add(unsigned(update.getActions(i), i));
        }
        return actions;
    }

    /** The update's actions with their signatures, checked for shape. */
    static List<ReadAction> actions(IdentityUpdate update) throws IdentityUpdateRejectedException {
        checkEveryActionHasAKind(update);
        List<ReadAction> actions = new ArrayList<>();
        for (int i = 0; i < update.getActionsCount(); i++) {
            IdentityAction action = update.getActions(i);
            List<ReadAction.Signed> signatures = new ArrayList<>();
            switch (action.getKindCase()) {
                case CREATE_INBOX -> signatures.add(signed("initial_identifier_signature",
                        action.getCreateInbox().hasInitialIdentifierSignature(),
                        action.getCreateInbox().getInitialIdentifierSignature(), i));
                case ADD -> {
                    AddAssociation add = action.getAdd();
                    signatures.add(signed("existing_member_signature", add.hasExistingMemberSignature(),
                            add.getExistingMemberSignature(), i));
                    signatures.add(signed("new_member_signature", add.hasNewMemberSignature(),
                            add.getNewMemberSignature(), i));
                }
                case REVOKE -> signatures.add(signed("recovery_identifier_signature",
                        action.getRevoke().hasRecoveryIdentifierSignature(),
                        action.getRevoke().getRecoveryIdentifierSignature(), i));
                case CHANGE_RECOVERY_ADDRESS -> signatures.add(signed("existing_recovery_identifier_signature",
                        action.getChangeRecoveryAddress().hasExistingRecoveryIdentifierSignature(),
                        action.getChangeRecoveryAddress().getExistingRecoveryIdentifierSignature(), i));
                case KIND_NOT_SET -> throw new IllegalStateException("checked above");
            }
            actions.add(new ReadAction(unsigned(action, i), signatures));
        }
        return actions;
    }

    private static void checkEveryActionHasAKind(IdentityUpdate update) throws IdentityUpdateRejectedException {
        for (int i = 0; i < update.getActionsCount(); i++) {
            if (update.getActions(i).getKindCase() == IdentityAction.KindCase.KIND_NOT_SET) {
                throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, i,
                        "the action has no kind (set one of create_inbox, add, revoke, change_recovery_address)");
            }
        }
    }

    private static UnsignedAction unsigned(IdentityAction action, int index) throws IdentityUpdateRejectedException {
        return switch (action.getKindCase()) {
            case CREATE_INBOX -> {
                CreateInbox create = action.getCreateInbox();
                yield new UnsignedAction.CreateInbox(
                        identifier(create.getInitialIdentifier(), create.getInitialIdentifierKindValue(),
                                "initial_identifier", index),
                        create.getNonce());
            }
            case ADD -> {
                AddAssociation add = action.getAdd();
                yield new UnsignedAction.AddAssociation(
                        member(add.hasNewMemberIdentifier(), add.getNewMemberIdentifier(), "new_member_identifier",
                                index));
            }
            case REVOKE -> {
                RevokeAssociation revoke = action.getRevoke();
                yield new UnsignedAction.RevokeAssociation(
                        member(revoke.hasMemberToRevoke(), revoke.getMemberToRevoke(), "member_to_revoke", index));
            }
            case CHANGE_RECOVERY_ADDRESS -> {
                ChangeRecoveryAddress change = action.getChangeRecoveryAddress();
                yield new UnsignedAction.ChangeRecoveryAddress(
                        identifier(change.getNewRecoveryIdentifier(), change.getNewRecoveryIdentifierKindValue(),
                                "new_recovery_identifier", index));
            }
            case KIND_NOT_SET -> throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                    "the action has no kind");
        };
    }

    private static MemberId identifier(String text, int kind, String field, int index)
            throws IdentityUpdateRejectedException {
        if (kind != IDENTIFIER_KIND_PASSKEY) {
            return MemberId.ethereum(text);
        }
        try {
            return new MemberId.Passkey(ByteString.copyFrom(Hex.decode(text)));
        } catch (IllegalArgumentException notHex) {
            throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                    field + " is a passkey but not hex: " + notHex.getMessage());
        }
    }

    private static MemberId member(boolean present, MemberIdentifier id, String field, int index)
            throws IdentityUpdateRejectedException {
        if (!present) {
            throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index, field + " is missing");
        }
        return switch (id.getKindCase()) {
            case ETHEREUM_ADDRESS -> MemberId.ethereum(id.getEthereumAddress());
            case INSTALLATION_PUBLIC_KEY -> new MemberId.Installation(id.getInstallationPublicKey());
            case PASSKEY -> new MemberId.Passkey(id.getPasskey().getKey());
            case KIND_NOT_SET -> throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                    field + " has no kind (set ethereum_address or installation_public_key)");
        };
    }

    private static ReadAction.Signed signed(String field, boolean present, Signature signature, int index)
            throws IdentityUpdateRejectedException {
        if (!present) {
            throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index, field + " is missing");
        }
        return new ReadAction.Signed(field, signature(field, signature, index));
    }

    private static UnverifiedSignature signature(String field, Signature signature, int index)
            throws IdentityUpdateRejectedException {
        return switch (signature.getSignatureCase()) {
            case ERC_191 -> new UnverifiedSignature.Erc191(signature.getErc191().getBytes());
            case INSTALLATION_KEY -> {
                ByteString publicKey = signature.getInstallationKey().getPublicKey();
                if (!Ed25519ph.isValidPublicKey(publicKey.toByteArray())) {
                    throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                            + " is an installation key signature whose public_key is not an Ed25519 public key ("
                            + publicKey.size() + " bytes; it must be 32 bytes encoding a curve point)");
                }
                yield new UnverifiedSignature.InstallationKey(signature.getInstallationKey().getBytes(), publicKey);
            }
            case ERC_6492 -> smartContractWallet(field, signature.getErc6492(), index);
            case DELEGATED_ERC_191 -> {
                LegacyDelegatedSignature legacy = signature.getDelegatedErc191();
                if (!legacy.hasSignature()) {
                    throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                            field + " is a legacy delegated signature without its signature");
                }
                if (!legacy.hasDelegatedKey()) {
                    throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                            field + " is a legacy delegated signature without its delegated_key");
                }
                yield new UnverifiedSignature.LegacyDelegated(legacy.getSignature().getBytes(),
                        legacy.getDelegatedKey());
            }
            case PASSKEY -> throw new IdentityUpdateRejectedException(NOT_SUPPORTED, index, field
                    + " is a passkey signature; passkeys are not supported by this implementation yet");
            case SIGNATURE_NOT_SET -> throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index,
                    field + " has no signature (set erc_191, installation_key, erc_6492 or delegated_erc_191)");
        };
    }

    private static UnverifiedSignature smartContractWallet(String field, SmartContractWalletSignature scw, int index)
            throws IdentityUpdateRejectedException {
        String accountId = scw.getAccountId();
        String[] parts = accountId.split(":", -1);
        if (parts.length != 3) {
            throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index, field + " has account_id '"
                    + shorten(accountId) + "'; expected a CAIP-10 id such as eip155:1:0xabc…");
        }
        String chainId = parts[0] + ":" + parts[1];
        if (!CAIP2_CHAIN_ID.matcher(chainId).matches() || !CAIP10_ACCOUNT.matcher(parts[2]).matches()) {
            throw new IdentityUpdateRejectedException(MALFORMED_UPDATE, index, field + " has account_id '"
                    + shorten(accountId) + "', which is not a well-formed CAIP-10 chain id and address");
        }
        return new UnverifiedSignature.SmartContractWallet(chainId, parts[2], scw.getBlockNumber(),
                scw.getSignature());
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
