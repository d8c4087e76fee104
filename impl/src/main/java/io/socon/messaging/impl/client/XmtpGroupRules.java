package io.socon.messaging.impl.client;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.impl.client.content.GroupUpdate;
import io.socon.messaging.impl.client.group.CommitFacts;
import io.socon.messaging.impl.client.group.CommitValidator;
import io.socon.messaging.impl.client.group.ConversationType;
import io.socon.messaging.impl.client.group.GroupCheckException;
import io.socon.messaging.impl.client.group.GroupOptions;
import io.socon.messaging.impl.client.group.InboxChange;
import io.socon.messaging.impl.client.group.InstallationLookup;
import io.socon.messaging.impl.client.group.LeafMember;
import io.socon.messaging.impl.client.group.PolicySet;
import io.socon.messaging.impl.client.group.ProposalFact;
import io.socon.messaging.impl.client.group.ValidatedCommit;
import io.socon.messaging.impl.client.group.XmtpExtensionException;
import io.socon.messaging.impl.client.group.XmtpGroupExtensions;
import io.socon.messaging.impl.client.group.XmtpGroupState;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.Received;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's glue to XMTP's group rules ({@code client.group}): extensions of new conversations, reading a
 * group's XMTP state, turning MLS commits into the facts the validator checks, and describing a validated commit
 * as the group_updated message XMTP clients show.
 */
public final class XmtpGroupRules {

    /** The mutable metadata attribute of the group name. */
    public static final String GROUP_NAME = "group_name";
    /** The mutable metadata attribute of the description. */
    public static final String DESCRIPTION = "description";
    /** The mutable metadata attribute of the image URL. */
    public static final String IMAGE_URL = "group_image_url_square";

    /** The version of libxmtp whose rules we follow (for minimum_supported_protocol_version). */
    static final String PROTOCOL_VERSION = "1.10.0";

    private XmtpGroupRules() {
    }

    /**
     * Options of a new group.
     *
     * @param name        the name ("" for none)
     * @param description the description ("" for none)
     * @param imageUrl    the image URL ("" for none)
     * @param adminsOnly  libxmtp's "admins only" permission preset instead of its default "all members"
     */
    public record NewGroup(String name, String description, String imageUrl, boolean adminsOnly) {
        public NewGroup {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(imageUrl, "imageUrl");
        }

        /** A group with the default permissions ("all members"). */
        public NewGroup(String name, String description, String imageUrl) {
            this(name, description, imageUrl, false);
        }

        /** A group with only a name. */
        public static NewGroup named(String name) {
            return new NewGroup(name, "", "");
        }
    }

    static List<Extension> newDm(String self, String peer, SecureRandom random) {
        return XmtpGroupExtensions.forNewDm(self, peer, Optional.empty(), Optional.of(commitLogSigner(random)));
    }

    static List<Extension> newGroup(String self, NewGroup options, SecureRandom random) {
        GroupOptions o = GroupOptions.NONE.withName(options.name()).withDescription(options.description())
                .withImageUrlSquare(options.imageUrl());
        return XmtpGroupExtensions.forNewGroup(self, options.adminsOnly() ? PolicySet.adminsOnly()
                : PolicySet.allMembers(), o, Optional.of(commitLogSigner(random)));
    }

    private static Bytes commitLogSigner(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Bytes.copyOf(secret);
    }

    /** The group's XMTP state; a group without readable XMTP extensions is refused. */
    static XmtpGroupState state(Group group) {
        try {
            return XmtpGroupState.from(group.groupContext().extensions());
        } catch (XmtpExtensionException e) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                    "the group's XMTP extensions are not readable: " + e.getMessage(), e);
        }
    }

    /** The group's leaves as XMTP reads them, in tree order; leaves without an XMTP credential are left out. */
    static List<LeafMember> leaves(Group group) {
        List<LeafMember> leaves = new ArrayList<>();
        group.members().forEach((index, leaf) -> Leaves.inboxOf(leaf)
                .ifPresent(inbox -> leaves.add(new LeafMember(inbox, leaf.signatureKey()))));
        return leaves;
    }

    /** The leaf index holding {@code installationKey}, if any. */
    static Optional<Integer> leafIndexOf(Group group, Bytes installationKey) {
        return group.members().entrySet().stream().filter(e -> e.getValue().signatureKey().equals(installationKey))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Installation sets from the directory's verified identity updates. */
    static InstallationLookup lookup(InboxDirectory directory) {
        return (inboxId, sequenceId) -> {
            if (sequenceId == 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(directory.at(inboxId, sequenceId).installations());
            } catch (MessagingException e) {
                if (e.retryable()) {
                    throw e;
                }
                return Optional.empty();
            }
        };
    }

    /**
     * Checks a commit against XMTP's rules, as every member checks it on receipt.
     *
     * @param before    the group before the commit
     * @param after     the group after it
     * @param committer the committer's leaf index in {@code before}
     * @param applied   the proposals the commit applied
     * @param pathLeaf  the committer's new leaf if the commit had a path
     * @throws MessagingException {@code PERMISSION_DENIED} naming the rule broken
     */
    static ValidatedCommit validate(Group before, Group after, int committer, List<Received.Applied> applied,
                                    Optional<LeafNode> pathLeaf, InboxDirectory directory) {
        XmtpGroupState state = state(before);
        List<ProposalFact> facts = new ArrayList<>();
        for (Received.Applied a : applied) {
            LeafMember proposer = member(before, (int) a.proposer().index());
            facts.add(switch (a.proposal()) {
                case Proposal.Add add -> ProposalFact.add(proposer, leafMember(add.keyPackage().leafNode()));
                case Proposal.Remove remove -> ProposalFact.remove(proposer, member(before, (int) remove.removed()));
                case Proposal.Update update -> ProposalFact.update(proposer, leafMember(update.leafNode()));
                case Proposal.GroupContextExtensions gce -> ProposalFact.groupContextExtensions(proposer);
                case Proposal.PreSharedKey psk -> ProposalFact.of(ProposalFact.Kind.PRE_SHARED_KEY, proposer);
                default -> ProposalFact.of(ProposalFact.Kind.OTHER, proposer);
            });
        }
        Set<Bytes> inTree = new java.util.LinkedHashSet<>();
        before.members().values().forEach(l -> inTree.add(l.signatureKey()));
        Optional<LeafMember> path = pathLeaf.map(XmtpGroupRules::leafMember)
                .or(() -> Optional.of(member(before, committer)));
        CommitFacts commitFacts = new CommitFacts(state, after.groupContext().extensions(), path, facts, inTree);
        try {
            return new CommitValidator(PROTOCOL_VERSION).validate(commitFacts, lookup(directory));
        } catch (GroupCheckException e) {
            throw new MessagingException(ErrorCode.PERMISSION_DENIED,
                    "the change breaks XMTP's group rules (" + e.check() + "): " + e.getMessage(), e);
        }
    }

    /** Our own commit, as {@link #validate} would see it: proposals by value from our leaf. */
    static ValidatedCommit validateOwn(Group before, Group after, List<Proposal> proposals, InboxDirectory directory) {
        Sender me = Sender.member(before.ownLeafIndex());
        List<Received.Applied> applied = proposals.stream().map(p -> new Received.Applied(p, me)).toList();
        LeafNode ourNewLeaf = after.members().get(after.ownLeafIndex());
        return validate(before, after, before.ownLeafIndex(), applied, Optional.ofNullable(ourNewLeaf), directory);
    }

    private static LeafMember member(Group group, int leafIndex) {
        LeafNode leaf = group.members().get(leafIndex);
        if (leaf == null) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT, "leaf " + leafIndex + " is empty");
        }
        return leafMember(leaf);
    }

    private static LeafMember leafMember(LeafNode leaf) {
        return new LeafMember(Leaves.inboxOf(leaf).orElse(""), leaf.signatureKey());
    }

    /** What a validated commit changed, as a group_updated message; empty when nothing visible changed. */
    static Optional<GroupUpdate> describe(ValidatedCommit commit) {
        List<InboxId> added = commit.addedInboxes().stream().map(InboxChange::inboxId).map(InboxId::of).toList();
        List<InboxId> removed = commit.removedInboxes().stream().map(InboxChange::inboxId).map(InboxId::of).toList();
        List<GroupUpdate.FieldChange> fields = commit.metadata().fieldChanges().stream()
                .map(c -> new GroupUpdate.FieldChange(c.key(), c.oldValue(), c.newValue())).toList();
        if (added.isEmpty() && removed.isEmpty() && fields.isEmpty() && commit.metadata().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GroupUpdate(Optional.of(InboxId.of(commit.committer().inboxId())), added, removed,
                List.of(), ids(commit.metadata().adminsAdded()), ids(commit.metadata().adminsRemoved()),
                ids(commit.metadata().superAdminsAdded()), ids(commit.metadata().superAdminsRemoved()), fields));
    }

    private static List<InboxId> ids(List<InboxChange> changes) {
        return changes.stream().map(InboxChange::inboxId).map(InboxId::of).toList();
    }

    /** The conversation's view at this epoch. */
    static ConversationView view(Group group) {
        XmtpGroupState s = state(group);
        boolean dm = s.conversationType() == ConversationType.DM;
        List<String> dmMembers = s.metadata().dmMembers().map(m -> List.of(m.memberOne(), m.memberTwo()))
                .orElse(List.of());
        return new ConversationView(dm, s.metadata().creatorInboxId(), dmMembers,
                s.mutableMetadata().attribute(GROUP_NAME).orElse(""),
                s.mutableMetadata().attribute(DESCRIPTION).orElse(""),
                s.mutableMetadata().attribute(IMAGE_URL).orElse(""), Set.copyOf(s.mutableMetadata().admins()),
                Set.copyOf(s.mutableMetadata().superAdmins()), s.membership().members(),
                Set.copyOf(s.membership().failedInstallations()));
    }
}
