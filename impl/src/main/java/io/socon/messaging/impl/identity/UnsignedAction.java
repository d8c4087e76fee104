package io.socon.messaging.impl.identity;

import java.util.Objects;

/** The part of an identity action that its signers sign: what it does, without the signatures. */
sealed interface UnsignedAction {

    /** The action's lines in the signature text (two lines, without a trailing newline). */
    String textLines();

    /** The action's name on the wire, for messages. */
    String wireName();

    /** Creates the inbox owned by {@code owner}; nonce is unsigned 64-bit. */
    record CreateInbox(MemberId owner, long nonce) implements UnsignedAction {
        public CreateInbox {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String textLines() {
            return "- Create inbox\n  (Owner: " + owner.text() + ")";
        }

        @Override
        public String wireName() {
            return "CreateInbox";
        }
    }

    /** Adds {@code newMember}. */
    record AddAssociation(MemberId newMember) implements UnsignedAction {
        public AddAssociation {
            Objects.requireNonNull(newMember, "newMember");
        }

        @Override
        public String textLines() {
            String verb = switch (newMember.kind()) {
                case INSTALLATION -> "Grant messaging access to app";
                case ETHEREUM -> "Link address to inbox";
                case PASSKEY -> "Link passkey to inbox";
            };
            return "- " + verb + "\n  (" + label(newMember.kind()) + ": " + newMember.text() + ")";
        }

        @Override
        public String wireName() {
            return "AddAssociation";
        }
    }

    /** Removes {@code member} (and, for an address, the installations it added). */
    record RevokeAssociation(MemberId member) implements UnsignedAction {
        public RevokeAssociation {
            Objects.requireNonNull(member, "member");
        }

        @Override
        public String textLines() {
            String verb = switch (member.kind()) {
                case INSTALLATION -> "Revoke messaging access from app";
                case ETHEREUM -> "Unlink address from inbox";
                case PASSKEY -> "Unlink passkey from inbox";
            };
            return "- " + verb + "\n  (" + label(member.kind()) + ": " + member.text() + ")";
        }

        @Override
        public String wireName() {
            return "RevokeAssociation";
        }
    }

    /** Makes {@code newRecovery} the recovery identifier. */
    record ChangeRecoveryAddress(MemberId newRecovery) implements UnsignedAction {
        public ChangeRecoveryAddress {
            Objects.requireNonNull(newRecovery, "newRecovery");
        }

        @Override
        public String textLines() {
            // libxmtp writes "Address" here whatever the identifier's kind.
            return "- Change inbox recovery address\n  (Address: " + newRecovery.text() + ")";
        }

        @Override
        public String wireName() {
            return "ChangeRecoveryAddress";
        }
    }

    private static String label(MemberKind kind) {
        return switch (kind) {
            case ETHEREUM -> "Address";
            case INSTALLATION -> "ID";
            case PASSKEY -> "Passkey";
        };
    }
}
