package io.socon.messaging.impl.client.group;

import java.util.Objects;
import java.util.Optional;

/**
 * What commit validation needs to know of one proposal in a commit, whether sent by value or by reference.
 *
 * @param kind     the proposal type, as far as XMTP distinguishes them
 * @param proposer the member that sent the proposal (for a proposal by value, the committer); empty when the
 *                 sender is not a member (an external or new-member sender)
 * @param subject  for an Add, the added key package's leaf; for a Remove, the removed leaf (from the tree
 *                 before the commit); for an Update, the new leaf; empty otherwise
 */
public record ProposalFact(Kind kind, Optional<LeafMember> proposer, Optional<LeafMember> subject) {

    /** The proposal types XMTP treats differently. */
    public enum Kind {
        /** Add: an installation joins. */
        ADD,
        /** Remove: an installation leaves. */
        REMOVE,
        /** Update: a member replaces its leaf. */
        UPDATE,
        /** GroupContextExtensions: XMTP's metadata, membership or permissions change. */
        GROUP_CONTEXT_EXTENSIONS,
        /** PreSharedKey: always refused. */
        PRE_SHARED_KEY,
        /** Any other type; commit validation passes over it (libxmtp does too). */
        OTHER
    }

    /** Checks for nulls and that the subject is there exactly for Add, Remove and Update. */
    public ProposalFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(subject, "subject");
        boolean needsSubject = kind == Kind.ADD || kind == Kind.REMOVE || kind == Kind.UPDATE;
        if (needsSubject != subject.isPresent()) {
            throw new IllegalArgumentException(kind + (needsSubject ? " needs a subject" : " has no subject"));
        }
    }

    /** An Add of {@code added} sent by {@code proposer}. */
    public static ProposalFact add(LeafMember proposer, LeafMember added) {
        return new ProposalFact(Kind.ADD, Optional.of(proposer), Optional.of(added));
    }

    /** A Remove of {@code removed} sent by {@code proposer}. */
    public static ProposalFact remove(LeafMember proposer, LeafMember removed) {
        return new ProposalFact(Kind.REMOVE, Optional.of(proposer), Optional.of(removed));
    }

    /** An Update to {@code newLeaf} sent by {@code proposer}. */
    public static ProposalFact update(LeafMember proposer, LeafMember newLeaf) {
        return new ProposalFact(Kind.UPDATE, Optional.of(proposer), Optional.of(newLeaf));
    }

    /** A GroupContextExtensions proposal sent by {@code proposer}. */
    public static ProposalFact groupContextExtensions(LeafMember proposer) {
        return new ProposalFact(Kind.GROUP_CONTEXT_EXTENSIONS, Optional.of(proposer), Optional.empty());
    }

    /** A proposal of a kind without a subject ({@link Kind#PRE_SHARED_KEY} or {@link Kind#OTHER}). */
    public static ProposalFact of(Kind kind, LeafMember proposer) {
        return new ProposalFact(kind, Optional.of(proposer), Optional.empty());
    }
}
