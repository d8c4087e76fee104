package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Three inboxes with identity histories, and groups between them, for the commit, welcome and planning tests.
 *
 * <pre>
 * ALICE: sequence id 1 -> {a1}; 5 -> {a1, a2}
 * BOB:   sequence id 2 -> {b1}; 7 -> {b1, b2}; 9 -> {b1} (b2 revoked)
 * CAROL: sequence id 3 -> {c1}
 * </pre>
 */
final class GroupFixture {

    static final String ALICE = "a11ce".repeat(12) + "0000";
    static final String BOB = "b0b00".repeat(12) + "0000";
    static final String CAROL = "ca401".repeat(12) + "0000";

    static final Bytes A1 = key(0xa1);
    static final Bytes A2 = key(0xa2);
    static final Bytes B1 = key(0xb1);
    static final Bytes B2 = key(0xb2);
    static final Bytes C1 = key(0xc1);

    static final LeafMember ALICE_1 = new LeafMember(ALICE, A1);
    static final LeafMember ALICE_2 = new LeafMember(ALICE, A2);
    static final LeafMember BOB_1 = new LeafMember(BOB, B1);
    static final LeafMember BOB_2 = new LeafMember(BOB, B2);
    static final LeafMember CAROL_1 = new LeafMember(CAROL, C1);

    static final Map<String, Map<Long, Set<Bytes>>> HISTORY = Map.of(
            ALICE, Map.of(1L, Set.of(A1), 5L, Set.of(A1, A2)),
            BOB, Map.of(2L, Set.of(B1), 7L, Set.of(B1, B2), 9L, Set.of(B1)),
            CAROL, Map.of(3L, Set.of(C1)));

    /** Answers from {@link #HISTORY}; empty for a sequence id that is not there. */
    static final InstallationLookup LOOKUP = (inboxId, sequenceId) ->
            Optional.ofNullable(HISTORY.getOrDefault(inboxId, Map.of()).get(sequenceId));

    static final Map<String, Long> LATEST = Map.of(ALICE, 5L, BOB, 7L, CAROL, 3L);

    private GroupFixture() {
    }

    static Bytes key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Bytes.copyOf(key);
    }

    /** A group Alice created, as libxmtp makes it: membership {ALICE: 0}, tree {a1}. */
    static XmtpGroupState newGroup(PolicySet policies) {
        return XmtpGroupState.from(XmtpGroupExtensions.forNewGroup(ALICE, policies, GroupOptions.NONE,
                Optional.of(XmtpGroupExtensionsTest.SIGNER)));
    }

    /** A DM Alice created with Bob: membership {ALICE: 0}, tree {a1}. */
    static XmtpGroupState newDm() {
        return XmtpGroupState.from(XmtpGroupExtensions.forNewDm(ALICE, BOB, Optional.empty(),
                Optional.of(XmtpGroupExtensionsTest.SIGNER)));
    }

    /** {@code state} with another membership and mutable metadata. */
    static XmtpGroupState with(XmtpGroupState state, GroupMembership membership,
                               UnaryOperator<MutableMetadata> metadata) {
        List<io.socon.messaging.impl.mls.struct.Extension> extensions = XmtpGroupExtensions.replace(
                state.extensions(), membership.toExtension());
        extensions = XmtpGroupExtensions.replace(extensions, metadata.apply(state.mutableMetadata()).toExtension());
        return XmtpGroupState.from(extensions);
    }

    /** Alice's group after Bob joined at 2 (Alice at 5): tree {a1, a2, b1}. */
    static XmtpGroupState aliceAndBob(PolicySet policies, UnaryOperator<MutableMetadata> metadata) {
        return with(newGroup(policies), members(ALICE, 5L, BOB, 2L), metadata);
    }

    static GroupMembership members(Object... inboxesAndIds) {
        Map<String, Long> map = new HashMap<>();
        for (int i = 0; i < inboxesAndIds.length; i += 2) {
            map.put((String) inboxesAndIds[i], (Long) inboxesAndIds[i + 1]);
        }
        return GroupMembership.of(map);
    }
}
