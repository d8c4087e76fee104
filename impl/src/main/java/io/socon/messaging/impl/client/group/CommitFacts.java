package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A commit as XMTP's commit validation sees it, after MLS has processed (staged) it but before it is merged.
 *
 * @param before                the group's XMTP state before the commit
 * @param extensionsAfter       the group context extensions after the commit
 * @param updatePathLeaf        the committer's new leaf if the commit has an update path
 * @param proposals             the proposals the commit applies, by value and by reference
 * @param installationsInTree   the signature keys of all leaves before the commit
 */
public record CommitFacts(XmtpGroupState before, List<Extension> extensionsAfter, Optional<LeafMember> updatePathLeaf,
                          List<ProposalFact> proposals, Set<Bytes> installationsInTree) {

    /** Checks for nulls and copies the collections. */
    public CommitFacts {
        Objects.requireNonNull(before, "before");
        extensionsAfter = List.copyOf(extensionsAfter);
        Objects.requireNonNull(updatePathLeaf, "updatePathLeaf");
        proposals = List.copyOf(proposals);
        installationsInTree = Set.copyOf(installationsInTree);
    }
}
