package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a joiner makes on a welcome before it accepts the group (libxmtp {@code groups/welcomes/
 * xmtp_welcome.rs}): the tree must match the membership extension ({@code welcomes/validated_membership.rs}),
 * and a DM must be a proper DM between the adder and us ({@code groups/mod.rs validate_dm_group}).
 */
public final class WelcomeChecks {

    private WelcomeChecks() {
    }

    /**
     * Checks that the tree's leaves are exactly the installations of each member inbox at its sequence id,
     * less the failed installations: every leaf's credential names a member inbox, its signature key is one of
     * that inbox's installations (each used once), and every installation of a member inbox is in the tree or
     * listed as failed.
     *
     * @param membership the group's membership extension
     * @param leaves     the tree's leaves (credential inbox id, signature key)
     * @param lookup     installations of an inbox at a sequence id, from verified identity updates
     * @throws GroupCheckException {@link GroupCheck#MEMBERSHIP_MISMATCH} or
     *                             {@link GroupCheck#MISSING_IDENTITY_UPDATE}
     */
    public static void checkMembership(GroupMembership membership, List<LeafMember> leaves,
                                       InstallationLookup lookup) throws GroupCheckException {
        Map<String, Set<Bytes>> expected = new HashMap<>();
        for (Map.Entry<String, Long> member : membership.members().entrySet()) {
            expected.put(member.getKey(),
                    new HashSet<>(CommitValidator.installations(lookup, member.getKey(), member.getValue())));
        }
        for (LeafMember leaf : leaves) {
            Set<Bytes> installations = expected.get(leaf.inboxId());
            if (installations == null) {
                throw new GroupCheckException(GroupCheck.MEMBERSHIP_MISMATCH,
                        "a leaf names inbox " + leaf.inboxId() + ", which is not in the membership");
            }
            if (!installations.remove(leaf.installationKey())) {
                throw new GroupCheckException(GroupCheck.MEMBERSHIP_MISMATCH, "installation "
                        + leaf.installationKey().toHex() + " is not one of inbox " + leaf.inboxId()
                        + "'s at its sequence id, or is in the tree twice");
            }
        }
        Set<Bytes> failed = new HashSet<>(membership.failedInstallations());
        for (Map.Entry<String, Set<Bytes>> rest : expected.entrySet()) {
            for (Bytes installation : rest.getValue()) {
                if (!failed.contains(installation)) {
                    throw new GroupCheckException(GroupCheck.MEMBERSHIP_MISMATCH, "installation "
                            + installation.toHex() + " of inbox " + rest.getKey()
                            + " is neither in the tree nor listed as failed");
                }
            }
        }
    }

    /**
     * Checks a DM we are welcomed to: it is of type DM and names two members. If we added ourselves (from
     * another of our installations) one member must be us. Otherwise the members must be the adder and us, the
     * DM must have no admins or super admins, and its member and admin policies must be the DM policies.
     *
     * <p>That last check is stricter than libxmtp 1.10's, which by a slip ({@code &&} for {@code ||}) refuses
     * only when all five of those policies differ. libxmtp only ever writes the DM policies, so no DM it makes
     * is refused.
     *
     * @param state          the welcomed group's state
     * @param addedByInboxId the inbox of the member who sent the welcome
     * @param ourInboxId     our inbox
     * @throws GroupCheckException naming the rule broken
     */
    public static void checkDm(XmtpGroupState state, String addedByInboxId, String ourInboxId)
            throws GroupCheckException {
        GroupMetadata metadata = state.metadata();
        if (metadata.conversationType() != ConversationType.DM) {
            throw new GroupCheckException(GroupCheck.NOT_A_DM,
                    "the conversation type is " + metadata.conversationType());
        }
        DmMembers members = metadata.dmMembers().orElseThrow(() ->
                new GroupCheckException(GroupCheck.DM_MEMBERS_MISSING, "the metadata names no DM members"));
        if (addedByInboxId.equals(ourInboxId)) {
            if (!members.contains(ourInboxId)) {
                throw new GroupCheckException(GroupCheck.DM_OUR_INBOX_MISSING,
                        "we added ourselves to a DM between " + members.memberOne() + " and " + members.memberTwo());
            }
            return;
        }
        if (!members.isPair(addedByInboxId, ourInboxId)) {
            throw new GroupCheckException(GroupCheck.DM_MEMBERS_MISMATCH, "the DM is between " + members.memberOne()
                    + " and " + members.memberTwo() + ", not " + addedByInboxId + " and us");
        }
        MutableMetadata mutable = state.mutableMetadata();
        if (!mutable.admins().isEmpty() || !mutable.superAdmins().isEmpty()) {
            throw new GroupCheckException(GroupCheck.DM_HAS_ADMINS, "admins " + mutable.admins()
                    + ", super admins " + mutable.superAdmins());
        }
        PolicySet policies = state.policies();
        PolicySet dm = PolicySet.dm();
        if (!policies.addMember().equals(dm.addMember()) || !policies.removeMember().equals(dm.removeMember())
                || !policies.addAdmin().equals(dm.addAdmin()) || !policies.removeAdmin().equals(dm.removeAdmin())
                || !policies.updatePermissions().equals(dm.updatePermissions())) {
            throw new GroupCheckException(GroupCheck.DM_PERMISSIONS, "the member or admin policies are not a DM's");
        }
    }
}
