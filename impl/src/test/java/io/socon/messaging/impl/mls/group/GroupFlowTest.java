package io.socon.messaging.impl.mls.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.KeyPackageTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.RequiredCapabilities;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three members with our own code only: create, add two (one by value, one by reference from another member),
 * exchange messages, update, persist and restore mid-way, read a late message of a past epoch, remove one, and
 * refuse a tampered commit and a commit of a wrong epoch. Runs with private (XMTP) and public handshakes.
 */
class GroupFlowTest {

    private static final int CUSTOM_EXTENSION = 0xFF10;
    private static final int CUSTOM_PROPOSAL = 0xFF20;
    private static final SecureRandom RANDOM = new SecureRandom();

    static KeyPackageBundle member(String name) {
        Capabilities capabilities = new Capabilities(List.of(1), List.of(3), List.of(CUSTOM_EXTENSION),
                List.of(CUSTOM_PROPOSAL), List.of(CredentialType.BASIC));
        Instant now = Instant.now();
        return KeyPackageBundle.create(new Credential.Basic(Bytes.copyOf(name.getBytes(StandardCharsets.UTF_8))),
                capabilities, Lifetime.between(now.minusSeconds(3600), now.plusSeconds(86400)), List.of(), List.of(),
                Ed25519KeyPair.generate(RANDOM), RANDOM);
    }

    private static GroupConfig config(String format) {
        return format.equals("private") ? GroupConfig.XMTP
                : GroupConfig.STANDARD.withHandshakeFormat(WireFormat.PUBLIC_MESSAGE);
    }

    private static String text(Received received) {
        assertThat(received.kind()).isEqualTo(Received.Kind.APPLICATION);
        return new String(received.applicationData().orElseThrow().toByteArray(), StandardCharsets.UTF_8);
    }

    private static MlsMessage say(Group group, String text) {
        return group.encrypt(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameEpoch(Group... groups) {
        for (Group g : groups) {
            assertThat(g.epoch()).isEqualTo(groups[0].epoch());
            assertThat(g.epochAuthenticator()).isEqualTo(groups[0].epochAuthenticator());
            assertThat(g.groupContext()).isEqualTo(groups[0].groupContext());
            assertThat(g.export("test", new byte[] {1}, 16)).isEqualTo(groups[0].export("test", new byte[] {1}, 16));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "public"})
    void threeMembers(String format) {
        GroupConfig config = config(format);
        KeyPackageBundle aliceKp = member("alice");
        KeyPackageBundle bobKp = member("bob");
        KeyPackageBundle carolKp = member("carol");
        List<Extension> extensions = List.of(
                new RequiredCapabilities(List.of(CUSTOM_EXTENSION), List.of(), List.of()).toExtension(),
                new Extension(CUSTOM_EXTENSION, Bytes.fromHex("c0ffee")));
        Group alice = Group.create(config, Bytes.fromHex("0a0b0c"), aliceKp, extensions, PskStore.NONE, RANDOM);
        assertThat(alice.epoch()).isZero();
        assertThat(alice.groupContext().extensions()).containsExactlyElementsOf(extensions);

        // alice adds bob by value
        CommitResult addBob = alice.commit(List.of(new Proposal.Add(bobKp.keyPackage())));
        assertThat(addBob.welcome()).isPresent();
        alice = addBob.group();
        Group bob = Group.join(config, addBob.welcome().get().welcome(), bobKp, Optional.empty(), PskStore.NONE,
                RANDOM);
        sameEpoch(alice, bob);
        assertThat(bob.groupContext().extensions()).containsExactlyElementsOf(extensions);

        // alice proposes carol; bob commits the proposal by reference
        Group.Proposed proposed = alice.proposeAdd(carolKp.keyPackage());
        alice = proposed.group();
        bob = bob.receive(proposed.message()).group();
        assertThat(bob.pendingProposals()).hasSize(1);
        CommitResult addCarol = bob.commit();
        bob = addCarol.group();
        alice = alice.receive(addCarol.commit()).group();
        Group carol = Group.join(config, addCarol.welcome().orElseThrow().welcome(), carolKp, Optional.empty(),
                PskStore.NONE, RANDOM);
        sameEpoch(alice, bob, carol);
        assertThat(alice.members()).hasSize(3);

        // messages in every direction
        assertThat(text(bob.receive(say(alice, "hi from alice")))).isEqualTo("hi from alice");
        assertThat(text(carol.receive(say(alice, "hi carol")))).isEqualTo("hi carol");
        assertThat(text(alice.receive(say(carol, "hi from carol")))).isEqualTo("hi from carol");
        assertThat(text(carol.receive(say(bob, "hi from bob")))).isEqualTo("hi from bob");

        // a message carol sends now arrives after the next commit
        MlsMessage late = say(carol, "late");
        long lateEpoch = carol.epoch();

        // bob proposes an update; alice commits it (and a custom proposal by value)
        Group.Proposed update = bob.proposeUpdate();
        bob = update.group();
        alice = alice.receive(update.message()).group();
        carol = carol.receive(update.message()).group();
        CommitResult commitUpdate = alice.commit(List.of(new Proposal.Unknown(CUSTOM_PROPOSAL, Bytes.fromHex("01"))));
        alice = commitUpdate.group();
        bob = bob.receive(commitUpdate.commit()).group();
        carol = carol.receive(commitUpdate.commit()).group();
        sameEpoch(alice, bob, carol);
        assertThat(text(alice.receive(late))).isEqualTo("late");
        assertThat(alice.readableEpochs()).contains(lateEpoch);

        // persist bob and restore him
        byte[] state = bob.toBytes();
        byte[] keys = bob.keys().toBytes();
        Group restored = Group.restore(state, GroupKeys.fromBytes(keys), PskStore.NONE, RANDOM);
        assertThat(restored.epochAuthenticator()).isEqualTo(bob.epochAuthenticator());
        assertThat(restored.toBytes()).isEqualTo(state);
        bob = restored;
        assertThat(text(bob.receive(say(carol, "to restored bob")))).isEqualTo("to restored bob");

        // the restored bob commits an extension change
        List<Extension> changed = List.of(
                new RequiredCapabilities(List.of(CUSTOM_EXTENSION), List.of(CUSTOM_PROPOSAL), List.of())
                        .toExtension(),
                new Extension(CUSTOM_EXTENSION, Bytes.fromHex("beef")));
        CommitResult gce = bob.commit(List.of(new Proposal.GroupContextExtensions(changed)));
        MlsMessage oldCommit = commitUpdate.commit();
        bob = gce.group();
        alice = alice.receive(gce.commit()).group();
        carol = carol.receive(gce.commit()).group();
        sameEpoch(alice, bob, carol);
        assertThat(carol.groupContext().extensions()).containsExactlyElementsOf(changed);

        // a commit of a past epoch is refused
        Group aliceNow = alice;
        assertThatThrownBy(() -> aliceNow.receive(oldCommit)).isInstanceOf(GroupException.class)
                .hasMessageContaining("epoch");

        // alice removes carol; a tampered copy is refused first and does not spoil the real one
        CommitResult removeCarol = alice.commit(List.of(new Proposal.Remove(carol.ownLeafIndex())));
        byte[] tampered = removeCarol.commit().toBytes();
        tampered[tampered.length - 20] ^= 1;
        Group bobNow = bob;
        assertThatThrownBy(() -> bobNow.receive(MlsMessage.decode(tampered))).isInstanceOf(GroupException.class);
        alice = removeCarol.group();
        bob = bob.receive(removeCarol.commit()).group();
        Received carolSees = carol.receive(removeCarol.commit());
        assertThat(carolSees.kind()).isEqualTo(Received.Kind.REMOVED);
        sameEpoch(alice, bob);
        assertThat(bob.members()).hasSize(2);
        assertThat(text(bob.receive(say(alice, "just us")))).isEqualTo("just us");
        Group carolNow = carol;
        MlsMessage afterRemoval = say(bob, "never");
        assertThatThrownBy(() -> carolNow.receive(afterRemoval)).isInstanceOf(GroupException.class)
                .hasMessageContaining("epoch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "public"})
    void refusesBadKeyPackagesAndOldEpochsBeyondTheWindow(String format) {
        GroupConfig config = config(format).withRetainedEpochs(1);
        KeyPackageBundle aliceKp = member("alice");
        KeyPackageBundle bobKp = member("bob");
        Group alice = Group.create(config, Bytes.fromHex("01"), aliceKp, List.of(), PskStore.NONE, RANDOM);
        KeyPackage forged = new KeyPackage(bobKp.keyPackage().tbs(), Bytes.copyOf(new byte[64]));
        Group aliceNow = alice;
        assertThatThrownBy(() -> aliceNow.commit(List.of(new Proposal.Add(forged))))
                .isInstanceOf(GroupException.class).hasMessageContaining("signature");
        KeyPackage otherSuite = new KeyPackageTbs(1, 1, bobKp.keyPackage().initKey(), bobKp.keyPackage().leafNode(),
                List.of()).sign(bobKp.signatureKey());
        assertThatThrownBy(() -> aliceNow.proposeAdd(otherSuite)).isInstanceOf(GroupException.class);

        CommitResult add = alice.commit(List.of(new Proposal.Add(bobKp.keyPackage())));
        alice = add.group();
        Group bob = Group.join(config, add.welcome().orElseThrow().welcome(), bobKp, Optional.empty(),
                PskStore.NONE, RANDOM);
        MlsMessage twoEpochsOld = say(alice, "old");
        alice = alice.commit().group();
        alice = alice.commit().group();
        assertThat(alice.readableEpochs()).hasSize(2);
        Group bobThen = bob;
        // bob never saw the commits; the message is of his epoch, so it decrypts for him
        assertThat(text(bobThen.receive(twoEpochsOld))).isEqualTo("old");
        Group aliceNow2 = alice;
        MlsMessage again = say(bob, "from the past");
        assertThatThrownBy(() -> aliceNow2.receive(again)).isInstanceOf(GroupException.class)
                .hasMessageContaining("no longer");
    }
}
