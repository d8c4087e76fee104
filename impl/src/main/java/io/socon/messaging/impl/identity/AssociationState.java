package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An inbox at one point of its identity log: who its members are, who may recover it, and which signatures
 * have already been used (a signature may appear in only one update).
 *
 * <p>Immutable; each change returns a new state. Members keep the order in which they were added.
 */
public final class AssociationState {

    private final String inboxId;
    private final MemberId recoveryIdentifier;
    private final Map<MemberId, Member> members;
    private final Set<ByteString> seenSignatures;

    private AssociationState(String inboxId, MemberId recoveryIdentifier, Map<MemberId, Member> members,
            Set<ByteString> seenSignatures) {
        this.inboxId = inboxId;
        this.recoveryIdentifier = recoveryIdentifier;
        this.members = Collections.unmodifiableMap(members);
        this.seenSignatures = Collections.unmodifiableSet(seenSignatures);
    }

    /** The state right after a CreateInbox: the creator is the only member and the recovery identifier. */
    static AssociationState created(String inboxId, MemberId creator, Member creatorMember) {
        Map<MemberId, Member> members = new LinkedHashMap<>();
        members.put(creator, creatorMember);
        return new AssociationState(inboxId, creator, members, new LinkedHashSet<>());
    }

    /** The inbox id (64 lowercase hex digits for a well-formed inbox). */
    public String inboxId() {
        return inboxId;
    }

    /** The identifier whose signature may revoke members and change the recovery identifier. */
    public MemberId recoveryIdentifier() {
        return recoveryIdentifier;
    }

    /** All members in the order they were added. */
    public List<Member> members() {
        return List.copyOf(members.values());
    }

    /** The member with this id, if it is one. */
    public Optional<Member> member(MemberId id) {
        return Optional.ofNullable(members.get(id));
    }

    /** Whether this id is a member. */
    public boolean isMember(MemberId id) {
        return members.containsKey(id);
    }

    /** The members that were added with a signature by {@code parent}. */
    public List<Member> membersAddedBy(MemberId parent) {
        return members.values().stream()
                .filter(member -> member.addedBy().filter(parent::equals).isPresent())
                .toList();
    }

    /** The Ethereum addresses among the members, as sent on the wire. */
    public List<String> ethereumAddresses() {
        return members.keySet().stream()
                .filter(MemberId.Ethereum.class::isInstance)
                .map(id -> ((MemberId.Ethereum) id).address())
                .toList();
    }

    /** The 32-byte public keys of the member installations. */
    public List<ByteString> installationKeys() {
        return members.keySet().stream()
                .filter(MemberId.Installation.class::isInstance)
                .map(id -> ((MemberId.Installation) id).publicKey())
                .toList();
    }

    /** Whether a signature (in its normalised form) was used by an update already applied. */
    public boolean hasSeenSignature(ByteString signature) {
        return seenSignatures.contains(signature);
    }

    /** Every signature used so far, normalised. */
    public Set<ByteString> seenSignatures() {
        return seenSignatures;
    }

    AssociationState withMember(Member member) {
        Map<MemberId, Member> next = new LinkedHashMap<>(members);
        next.put(member.id(), member);
        return new AssociationState(inboxId, recoveryIdentifier, next, new LinkedHashSet<>(seenSignatures));
    }

    AssociationState withoutMember(MemberId id) {
        Map<MemberId, Member> next = new LinkedHashMap<>(members);
        next.remove(id);
        return new AssociationState(inboxId, recoveryIdentifier, next, new LinkedHashSet<>(seenSignatures));
    }

    AssociationState withRecoveryIdentifier(MemberId recovery) {
        return new AssociationState(inboxId, Objects.requireNonNull(recovery), new LinkedHashMap<>(members),
                new LinkedHashSet<>(seenSignatures));
    }

    AssociationState withSeenSignatures(Collection<ByteString> signatures) {
        Set<ByteString> next = new LinkedHashSet<>(seenSignatures);
        next.addAll(signatures);
        return new AssociationState(inboxId, recoveryIdentifier, new LinkedHashMap<>(members), next);
    }

    @Override
    public String toString() {
        return "AssociationState[inboxId=" + inboxId + ", recovery=" + recoveryIdentifier.text() + ", members="
                + members.keySet() + ", seenSignatures=" + seenSignatures.size() + "]";
    }
}
