package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.ProposalType;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.mls.struct.RequiredCapabilities;
import io.socon.messaging.impl.mls.tree.LeafNodeValidator;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import io.socon.messaging.impl.mls.tree.TreeValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of RFC 9420 sections 12.2 and 12.4.2 for the proposal list of a commit by a member, and its effect
 * on the tree and the group context extensions (section 12.3: Updates, then Removes, then Adds).
 */
final class ProposalRules {

    private ProposalRules() {
    }

    /**
     * The outcome of a valid proposal list.
     *
     * @param tree         the tree after the proposals
     * @param added        the added key packages and the leaves they got, in list order
     * @param extensions   the group context extensions of the new epoch
     * @param psks         the PSKs to inject, in list order
     * @param pathRequired whether the commit must carry a path
     */
    record Outcome(RatchetTree tree, List<Added> added, List<Extension> extensions, List<PreSharedKeyId> psks,
                   boolean pathRequired) {
    }

    /**
     * A member added by the commit.
     *
     * @param keyPackage its key package
     * @param leafIndex  where it went
     */
    record Added(KeyPackage keyPackage, int leafIndex) {
    }

    /**
     * Checks the proposal list of a commit by the member at {@code committer} and applies it.
     *
     * @param now the time to check key package lifetimes against, or null not to check them
     * @throws GroupException naming the rule the list breaks
     */
    static Outcome apply(EpochState epoch, List<ProposalEntry> entries, int committer, Instant now) {
        RatchetTree tree = epoch.tree;
        Bytes groupId = epoch.context.groupId();
        int suite = epoch.context.cipherSuite();
        List<Extension> extensions = epoch.context.extensions();
        boolean pathRequired = entries.isEmpty();
        int gceCount = 0;
        Set<Long> touched = new HashSet<>();
        Set<Bytes> pskIds = new HashSet<>();
        List<PreSharedKeyId> psks = new ArrayList<>();
        Set<Integer> unknownTypes = new HashSet<>();
        for (ProposalEntry entry : entries) {
            Proposal proposal = entry.proposal();
            switch (proposal) {
                case Proposal.Add add -> checkKeyPackage(add.keyPackage(), epoch);
                case Proposal.Update update -> {
                    pathRequired = true;
                    if (entry.reference().isEmpty()) {
                        throw new GroupException("an Update proposal cannot be committed by value");
                    }
                    int sender = entry.senderLeaf();
                    if (sender < 0) {
                        throw new GroupException("an Update proposal must come from a member");
                    }
                    if (sender == committer) {
                        throw new GroupException("the committer cannot commit its own Update proposal");
                    }
                    if (!touched.add((long) sender)) {
                        throw new GroupException("leaf " + sender + " is updated or removed twice");
                    }
                }
                case Proposal.Remove remove -> {
                    pathRequired = true;
                    if (remove.removed() == committer) {
                        throw new GroupException("the committer cannot remove itself");
                    }
                    if (remove.removed() >= tree.leafCount() || tree.leaf((int) remove.removed()).isEmpty()) {
                        throw new GroupException("Remove names leaf " + remove.removed() + ", which is not a member");
                    }
                    if (!touched.add(remove.removed())) {
                        throw new GroupException("leaf " + remove.removed() + " is updated or removed twice");
                    }
                }
                case Proposal.PreSharedKey psk -> {
                    if (!pskIds.add(Bytes.copyOf(psk.psk().toBytes()))) {
                        throw new GroupException("a PSK is proposed twice");
                    }
                    if (psk.psk() instanceof PreSharedKeyId.Resumption resumption && resumption.usage() != 1) {
                        throw new GroupException("a resumption PSK in a normal commit must have usage application");
                    }
                    psks.add(psk.psk());
                }
                case Proposal.ReInit reInit -> throw new GroupException("ReInit proposals are not supported");
                case Proposal.ExternalInit init ->
                        throw new GroupException("an ExternalInit proposal is only allowed in an external commit");
                case Proposal.GroupContextExtensions gce -> {
                    pathRequired = true;
                    if (++gceCount > 1) {
                        throw new GroupException("more than one GroupContextExtensions proposal");
                    }
                    extensions = gce.extensions();
                }
                case Proposal.Unknown unknown -> unknownTypes.add(unknown.type());
            }
        }
        LeafNodeValidator validator = LeafNodeValidator.forGroup(groupId, suite, extensions);
        if (now != null) {
            validator = validator.at(now);
        }
        try {
            for (ProposalEntry entry : entries) {
                if (entry.proposal() instanceof Proposal.Update update) {
                    validator.validate(update.leafNode(), LeafNodeValidator.Use.UPDATE, entry.senderLeaf(), tree);
                    tree = tree.updateLeaf(entry.senderLeaf(), update.leafNode());
                }
            }
            for (ProposalEntry entry : entries) {
                if (entry.proposal() instanceof Proposal.Remove remove) {
                    tree = tree.removeLeaf((int) remove.removed());
                }
            }
            List<Added> added = new ArrayList<>();
            for (ProposalEntry entry : entries) {
                if (entry.proposal() instanceof Proposal.Add add) {
                    LeafNode leaf = add.keyPackage().leafNode();
                    int index = firstBlankLeaf(tree);
                    validator.validate(leaf, LeafNodeValidator.Use.KEY_PACKAGE, index, tree);
                    RatchetTree.Added result = tree.addLeaf(leaf);
                    tree = result.tree();
                    added.add(new Added(add.keyPackage(), result.leafIndex()));
                }
            }
            checkMembersSupport(tree, extensions, unknownTypes);
            return new Outcome(tree, added, extensions, psks, pathRequired);
        } catch (TreeValidationException e) {
            throw new GroupException("invalid proposal: " + e.getMessage(), e);
        }
    }

    /** The checks of a key package in an Add that need no tree (RFC 9420 section 10.1). */
    static void checkKeyPackage(KeyPackage keyPackage, EpochState epoch) {
        if (keyPackage.version() != ProtocolVersion.MLS10 || keyPackage.cipherSuite() != epoch.context.cipherSuite()) {
            throw new GroupException("the key package's version or cipher suite differs from the group's");
        }
        if (!keyPackage.signatureVerifies()) {
            throw new GroupException("the key package's signature does not verify");
        }
        if (keyPackage.initKey().equals(keyPackage.leafNode().encryptionKey())) {
            throw new GroupException("the key package's init key equals its leaf's encryption key");
        }
    }

    /** Every member supports the group context extensions, the required capabilities and custom proposals. */
    static void checkMembersSupport(RatchetTree tree, List<Extension> extensions, Set<Integer> proposalTypes) {
        Optional<RequiredCapabilities> required = RequiredCapabilities.find(extensions);
        for (int leaf : tree.occupiedLeaves()) {
            Capabilities capabilities = tree.leaf(leaf).orElseThrow().capabilities();
            for (Extension extension : extensions) {
                if (!capabilities.supportsExtension(extension.type())) {
                    throw new GroupException("leaf " + leaf + " does not support the group context extension "
                            + ExtensionType.describe(extension.type()));
                }
            }
            if (required.isPresent()) {
                Optional<String> missing = required.get().missingFrom(capabilities);
                if (missing.isPresent()) {
                    throw new GroupException("leaf " + leaf + " lacks the required " + missing.get());
                }
            }
            for (int type : proposalTypes) {
                if (!capabilities.proposals().contains(type)) {
                    throw new GroupException("leaf " + leaf + " does not support proposal type " + type);
                }
            }
        }
    }

    /** Where an Add goes: the leftmost blank leaf, or the first leaf past the end. */
    private static int firstBlankLeaf(RatchetTree tree) {
        for (int i = 0; i < tree.leafCount(); i++) {
            if (tree.leaf(i).isEmpty()) {
                return i;
            }
        }
        return tree.leafCount();
    }

    /** Whether a proposal type requires a path (RFC 9420 section 17.4, "Path Required"). */
    static boolean requiresPath(int type) {
        return type == ProposalType.UPDATE || type == ProposalType.REMOVE || type == ProposalType.EXTERNAL_INIT
                || type == ProposalType.GROUP_CONTEXT_EXTENSIONS;
    }

    static boolean isMember(Sender sender) {
        return sender.isMember();
    }
}
