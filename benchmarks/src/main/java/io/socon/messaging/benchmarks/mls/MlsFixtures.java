package io.socon.messaging.benchmarks.mls;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.group.CommitResult;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.GroupConfig;
import io.socon.messaging.impl.mls.group.GroupKeys;
import io.socon.messaging.impl.mls.group.KeyPackageBundle;
import io.socon.messaging.impl.mls.group.PskStore;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the benchmarks set up outside the measured code: members' key packages, groups of a given size, and
 * snapshots of a member's group that restore to a fresh copy for every invocation.
 *
 * <p>Every group runs with {@link GroupConfig#XMTP}: handshakes as PrivateMessages and an UpdatePath in every
 * commit, Adds included (as OpenMLS's {@code add_members} does by default).
 */
final class MlsFixtures {

    /** The policy every benchmark group runs with. */
    static final GroupConfig CONFIG = GroupConfig.XMTP;

    /** How many members one setup commit adds when a large group is built. */
    static final int SETUP_BATCH = 50;

    private static final Capabilities CAPABILITIES = new Capabilities(List.of(ProtocolVersion.MLS10),
            List.of(CipherSuite.X25519_CHACHA20POLY1305_SHA256_ED25519), List.of(), List.of(),
            List.of(CredentialType.BASIC));

    private MlsFixtures() {
    }

    /** A fresh key package (basic credential {@code name}, valid from an hour ago for 30 days) with its keys. */
    static KeyPackageBundle newMember(String name, SecureRandom random) {
        Instant now = Instant.now();
        Lifetime lifetime = Lifetime.between(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        Credential credential = new Credential.Basic(Bytes.copyOf(name.getBytes(StandardCharsets.UTF_8)));
        return KeyPackageBundle.create(credential, CAPABILITIES, lifetime, List.of(), List.of(),
                Ed25519KeyPair.generate(random), random);
    }

    /** A new group with {@code creator} as its only member. */
    static Group createGroup(KeyPackageBundle creator, SecureRandom random) {
        byte[] groupId = new byte[16];
        random.nextBytes(groupId);
        return Group.create(CONFIG, Bytes.copyOf(groupId), creator, List.of(), PskStore.NONE, random);
    }

    /** A group's state and private keys as bytes: restores to an independent copy as often as needed. */
    record Snapshot(byte[] state, byte[] keys) {

        static Snapshot of(Group group) {
            return new Snapshot(group.toBytes(), group.keys().toBytes());
        }

        Group restore(SecureRandom random) {
            return Group.restore(state, GroupKeys.fromBytes(keys), PskStore.NONE, random);
        }
    }

    /**
     * Two views of one group of {@code size} members at the same epoch.
     *
     * @param creator the creator's group (leaf 0), the member that commits in the benchmarks
     * @param other   another member's group (the last one added), the member that processes commits
     */
    record TwoViews(Group creator, Group other) {
    }

    /**
     * Builds a group of {@code size} members (at least 2): the creator adds the others in commits of
     * {@link #SETUP_BATCH} Adds each; the last member added joins from the last Welcome.
     *
     * <p>The resulting tree is the one a single administrator produces: only the creator's direct path holds
     * keys, all other parent nodes are blank, so the copath resolutions of a later commit consist of leaves.
     */
    static TwoViews buildGroup(int size, SecureRandom random) {
        if (size < 2) {
            throw new IllegalArgumentException("a group for these benchmarks needs at least 2 members: " + size);
        }
        Group creator = createGroup(newMember("member-0", random), random);
        int added = 1;
        Group other = null;
        while (added < size) {
            int batch = Math.min(SETUP_BATCH, size - added);
            List<Proposal> adds = new ArrayList<>(batch);
            KeyPackageBundle last = null;
            for (int i = 0; i < batch; i++) {
                last = newMember("member-" + (added + i), random);
                adds.add(new Proposal.Add(last.keyPackage()));
            }
            CommitResult result = creator.commit(adds);
            creator = result.group();
            added += batch;
            if (added == size) {
                MlsMessage welcome = result.welcome().orElseThrow();
                other = Group.join(CONFIG, welcome.welcome(), last, Optional.empty(), PskStore.NONE, random);
            }
        }
        check(creator.members().size() == size, "the group has " + creator.members().size() + " members, not "
                + size);
        check(other.epoch() == creator.epoch() && other.epochAuthenticator().equals(creator.epochAuthenticator()),
                "the joined member does not agree with the creator on the epoch");
        return new TwoViews(creator, other);
    }

    /** Random bytes, e.g. an application message. */
    static byte[] randomBytes(int length, SecureRandom random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Fails the setup (and so the benchmark) when a precondition does not hold. */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** Whether two byte arrays are equal (for checks on decrypted data). */
    static boolean same(byte[] a, Bytes b) {
        return Arrays.equals(a, b.toByteArray());
    }
}
