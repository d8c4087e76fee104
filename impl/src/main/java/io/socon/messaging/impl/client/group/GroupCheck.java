package io.socon.messaging.impl.client.group;

/**
 * The rules XMTP groups are held to, as stable codes for {@link GroupCheckException}: libxmtp 1.10's commit
 * validation ({@code groups/validated_commit.rs}), its checks of a welcome ({@code welcomes/
 * validated_membership.rs}, {@code groups/mod.rs validate_dm_group}) and the identity facts both need. Where
 * libxmtp has one error for several causes (its {@code InsufficientPermissions}), each cause has its own code
 * here; which commits are refused is the same.
 */
public enum GroupCheck {

    // ---- commits ----

    /** The group context after the commit lacks one of XMTP's extensions, or one cannot be read. */
    MALFORMED_EXTENSIONS(false),
    /**
     * The commit changes or removes the immutable metadata (0xf000). libxmtp does not check this (OpenMLS
     * declares the error but never raises it); it never makes such a commit, and we refuse one.
     */
    IMMUTABLE_METADATA_CHANGED(false),
    /** A metadata field is set longer than its limit (libxmtp {@code TooManyCharacters}). */
    FIELD_TOO_LONG(false),
    /** A proposal was sent by someone who is not a member (external or new-member sender). */
    ACTOR_NOT_MEMBER(false),
    /** The commit has no update path and not exactly one proposer, so its author is unknown. */
    ACTOR_NOT_FOUND(false),
    /** The commit carries a pre-shared key proposal; XMTP uses no PSKs. */
    PRE_SHARED_KEY(false),
    /** An inbox's identity sequence id goes down in the new membership. */
    SEQUENCE_ID_DECREASED(false),
    /** Proposals by reference are on, and no proposal accounts for an inbox that joins or leaves. */
    PROPOSER_NOT_FOUND(false),
    /** An installation is added that the membership change does not call for and that is not in the tree. */
    UNEXPECTED_INSTALLATION_ADDED(false),
    /**
     * The installations removed differ from those the membership change calls for (less those listed as failed).
     */
    UNEXPECTED_INSTALLATION_REMOVED(false),
    /** The committer's, or an updated leaf's, inbox is not in the new membership. */
    SUBJECT_NOT_A_MEMBER(false),
    /** An installation (committer or updated leaf) is not one of its inbox's installations at its sequence id. */
    INSTALLATION_NOT_IN_INBOX(false),
    /** The add-member policy refuses an added inbox. */
    ADD_MEMBER_DENIED(false),
    /** The remove-member policy refuses a removed inbox, or it is a super admin (who can never be removed). */
    REMOVE_MEMBER_DENIED(false),
    /** The policy for a changed metadata field refuses the committer. */
    METADATA_UPDATE_DENIED(false),
    /** The add-admin policy refuses the committer. */
    ADD_ADMIN_DENIED(false),
    /** The remove-admin policy refuses the committer. */
    REMOVE_ADMIN_DENIED(false),
    /** A super admin is added by someone who is not one. */
    ADD_SUPER_ADMIN_DENIED(false),
    /** A super admin is removed by someone who is not one, or none would be left. */
    REMOVE_SUPER_ADMIN_DENIED(false),
    /** The permissions change and the committer is not a super admin. */
    PERMISSIONS_UPDATE_DENIED(false),
    /** The group's minimum_supported_protocol_version, or our own version, is not major.minor.patch. */
    INVALID_VERSION_FORMAT(false),
    /** The group requires a newer protocol version than ours. */
    PROTOCOL_VERSION_TOO_LOW(false),

    // ---- identity facts, commits and welcomes ----

    /**
     * An inbox's installations at a sequence id are not known: no verified identity update with that sequence
     * id, or no known latest sequence id. libxmtp treats this as retryable after fetching identity updates.
     */
    MISSING_IDENTITY_UPDATE(true),

    // ---- welcomes ----

    /**
     * The tree's leaves are not exactly the installations of each member inbox at its sequence id, less the
     * failed installations (libxmtp {@code InvalidGroupMembership}).
     */
    MEMBERSHIP_MISMATCH(false),
    /** A welcome to be checked as a DM is not of type DM. */
    NOT_A_DM(false),
    /** A DM's metadata does not name its two members. */
    DM_MEMBERS_MISSING(false),
    /** A DM we added ourselves (from another installation) does not name our inbox. */
    DM_OUR_INBOX_MISSING(false),
    /** A DM's members are not the adder and us. */
    DM_MEMBERS_MISMATCH(false),
    /** A DM has admins or super admins. */
    DM_HAS_ADMINS(false),
    /** A DM's member or admin policies are not the DM policies. */
    DM_PERMISSIONS(false);

    private final boolean retryable;

    GroupCheck(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether trying again later (e.g. after fetching identity updates) may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
