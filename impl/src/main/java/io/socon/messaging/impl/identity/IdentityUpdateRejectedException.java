package io.socon.messaging.impl.identity;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An identity update broke one of XMTP's association rules and must not be stored or applied.
 *
 * <p>{@link #rule()} is a stable code; the message says which action (by its index in the update's
 * {@code actions}) and what was wrong. Messages name addresses, installation keys and signature lengths,
 * never private keys.
 */
public final class IdentityUpdateRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rules an update can break. The names are stable and safe to expose to clients. */
    public enum Rule {
        /** A required field is missing or a value cannot be read (the update is not a well-formed proto). */
        MALFORMED_UPDATE,
        /** The update has no actions; the node refuses these because they cost a log slot and need no signature. */
        EMPTY_UPDATE,
        /** The inbox already has 256 updates, the most a node accepts. */
        INBOX_LOG_FULL,
        /** The update uses something this project does not support yet (passkeys). */
        NOT_SUPPORTED,
        /** A smart-contract wallet signature was sent, but no chain RPC verifier is configured. */
        SMART_CONTRACT_WALLET_VERIFIER_MISSING,
        /** A signature cannot be read or does not verify (wrong length, wrong key, wrong text or context). */
        INVALID_SIGNATURE,
        /** A CreateInbox for an inbox that already exists. */
        INBOX_ALREADY_CREATED,
        /** An action other than CreateInbox for an inbox that does not exist yet. */
        INBOX_NOT_CREATED,
        /** The CreateInbox signature is not by the inbox's initial identifier. */
        CREATE_SIGNER_MISMATCH,
        /** An identifier is not a well-formed Ethereum address where one is needed for the inbox id. */
        INVALID_ACCOUNT_ADDRESS,
        /** The signature's kind does not fit the signer's role (for example a legacy key signing a revocation). */
        SIGNATURE_KIND_NOT_ALLOWED,
        /** A legacy delegated signature used outside the one place it is allowed (an inbox with nonce 0). */
        LEGACY_SIGNATURE_MISUSE,
        /** The new-member signature is not by the member being added. */
        NEW_MEMBER_SIGNER_MISMATCH,
        /** The same identity signed as both the existing member and the new member. */
        ADDING_SELF,
        /** The existing-member signature is by neither a member nor the recovery identifier. */
        EXISTING_SIGNER_NOT_MEMBER,
        /** An installation tried to add another installation; only wallets may. */
        INSTALLATION_CANNOT_ADD_INSTALLATION,
        /** A smart-contract wallet signed from another chain than the one it was added on. */
        CHAIN_ID_MISMATCH,
        /** A revocation or recovery change not signed by the inbox's recovery identifier. */
        NOT_SIGNED_BY_RECOVERY,
        /** A signature that an earlier update of this inbox already used. */
        REPLAYED_SIGNATURE,
        /** The update's {@code inbox_id} is not the inbox its actions apply to. */
        WRONG_INBOX_ID
    }

    private final Rule rule;
    private final int actionIndex;
    private final String detail;

    IdentityUpdateRejectedException(Rule rule, String detail) {
        this(rule, -1, detail);
    }

    IdentityUpdateRejectedException(Rule rule, int actionIndex, String detail) {
        this(rule, actionIndex, detail, "", null);
    }

    private IdentityUpdateRejectedException(Rule rule, int actionIndex, String detail, String location,
            Throwable cause) {
        super(format(rule, location, actionIndex, detail), cause);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.actionIndex = actionIndex;
        this.detail = detail;
    }

    /** The same rejection, saying which entry of a log it concerns. */
    IdentityUpdateRejectedException inLogEntry(int entry, int logSize) {
        return new IdentityUpdateRejectedException(rule, actionIndex, detail,
                "log entry " + entry + " of " + logSize + ": ", this);
    }

    /** Which rule was broken. */
    public Rule rule() {
        return rule;
    }

    /** The index of the offending action in the update's {@code actions}, if one action is to blame. */
    public OptionalInt actionIndex() {
        return actionIndex < 0 ? OptionalInt.empty() : OptionalInt.of(actionIndex);
    }

    private static String format(Rule rule, String location, int actionIndex, String detail) {
        String where = actionIndex < 0 ? "" : "actions[" + actionIndex + "]: ";
        return "identity update rejected (" + rule + "): " + location + where + detail;
    }
}
