package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How proposals change the ratchet tree (RFC 9420 sections 12.1.1 to 12.1.3 and 12.3): Add takes the leftmost
 * blank leaf or doubles the tree, Update replaces the sender's leaf and blanks its direct path, Remove blanks the
 * leaf and its direct path and truncates. The other proposal types leave the tree alone.
 *
 * <p>Only the tree is changed here: whether a proposal is valid (its leaf node, its key package, who may send it)
 * is checked before, with {@link LeafNodeValidator} and the commit's rules.
 */
public final class TreeEvolution {

    private TreeEvolution() {
    }

    /**
     * A proposal and the leaf index of the member who sent it (ignored except for Update; -1 for a sender that
     * is not a member).
     *
     * @param proposal the proposal
     * @param sender   the sender's leaf index
     */
    public record Sent(Proposal proposal, int sender) {

        /** Checks for null. */
        public Sent {
            Objects.requireNonNull(proposal, "proposal");
        }
    }

    /**
     * The tree after a list of proposals and where the Adds put the new members.
     *
     * @param tree        the new tree
     * @param addedLeaves the new members' leaf indices, in the order of the Add proposals
     */
    public record Applied(RatchetTree tree, List<Integer> addedLeaves) {

        /** Copies the list. */
        public Applied {
            Objects.requireNonNull(tree, "tree");
            addedLeaves = List.copyOf(addedLeaves);
        }
    }

    /**
     * Applies one proposal sent by the member at leaf {@code sender}.
     *
     * @throws TreeValidationException if an Update's sender or a Remove's target is not a member
     */
    public static RatchetTree apply(RatchetTree tree, Proposal proposal, int sender) {
        return switch (proposal) {
            case Proposal.Add add -> tree.addLeaf(add.keyPackage().leafNode()).tree();
            case Proposal.Update update -> tree.updateLeaf(sender, update.leafNode());
            case Proposal.Remove remove -> tree.removeLeaf(leafIndex(remove.removed()));
            default -> tree;
        };
    }

    /**
     * Applies the proposals of a commit in the order RFC 9420 section 12.3 prescribes: all Updates, then all
     * Removes, then the Adds in list order.
     *
     * @throws TreeValidationException if an Update's sender or a Remove's target is not a member
     */
    public static Applied applyAll(RatchetTree tree, List<Sent> proposals) {
        RatchetTree current = tree;
        for (Sent sent : proposals) {
            if (sent.proposal() instanceof Proposal.Update update) {
                current = current.updateLeaf(sent.sender(), update.leafNode());
            }
        }
        for (Sent sent : proposals) {
            if (sent.proposal() instanceof Proposal.Remove remove) {
                current = current.removeLeaf(leafIndex(remove.removed()));
            }
        }
        List<Integer> added = new ArrayList<>();
        for (Sent sent : proposals) {
            if (sent.proposal() instanceof Proposal.Add add) {
                RatchetTree.Added result = current.addLeaf(add.keyPackage().leafNode());
                current = result.tree();
                added.add(result.leafIndex());
            }
        }
        return new Applied(current, added);
    }

    private static int leafIndex(long removed) {
        if (removed >= TreeMath.MAX_LEAVES) {
            throw new TreeValidationException("leaf " + removed + " is outside the tree");
        }
        return (int) removed;
    }
}
