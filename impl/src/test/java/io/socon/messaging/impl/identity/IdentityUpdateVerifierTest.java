package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityTestKit.ALICE;
import static io.socon.messaging.impl.identity.IdentityTestKit.BOB;
import static io.socon.messaging.impl.identity.IdentityTestKit.CLOCK;
import static io.socon.messaging.impl.identity.IdentityTestKit.addressId;
import static io.socon.messaging.impl.identity.IdentityTestKit.forge;
import static io.socon.messaging.impl.identity.IdentityTestKit.installation;
import static io.socon.messaging.impl.identity.IdentityTestKit.installationKey;
import static io.socon.messaging.impl.identity.IdentityTestKit.installationId;
import static io.socon.messaging.impl.identity.IdentityTestKit.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Honest updates, built with {@link IdentityUpdates}, verify and produce the expected states. */
class IdentityUpdateVerifierTest {

    final IdentityUpdateVerifier verifier = new IdentityUpdateVerifier();
    final Ed25519InstallationSigner phone = installation(1);
    final Ed25519InstallationSigner laptop = installation(2);
    final String inboxId = InboxId.derive(ALICE.address(), 1);

    @Test
    void registrationCreatesTheInboxWithItsFirstInstallation() throws Exception {
        IdentityUpdate registration = IdentityUpdates.registration(ALICE, 1, phone, CLOCK);

        VerifiedUpdate result = verifier.verifyNext(List.of(), registration);

        assertThat(registration.getInboxId()).isEqualTo("f2dc4b90b67487658e6fc1d4759c148fac797ea24fadee18c9d511787e04ea1a");
        assertThat(result.before()).isEmpty();
        AssociationState state = result.after();
        assertThat(state.inboxId()).isEqualTo(inboxId);
        assertThat(state.recoveryIdentifier()).isEqualTo(MemberId.ethereum(ALICE.address()));
        assertThat(state.ethereumAddresses()).containsExactly(ALICE.address());
        assertThat(state.installationKeys()).containsExactly(ByteString.copyFrom(phone.publicKey()));
        Member phoneMember = state.member(MemberId.installation(phone.publicKey())).orElseThrow();
        assertThat(phoneMember.addedBy()).contains(MemberId.ethereum(ALICE.address()));
        assertThat(phoneMember.clientTimestampNs()).hasValue(IdentityTestKit.ns(CLOCK));
        assertThat(state.member(MemberId.ethereum(ALICE.address())).orElseThrow().addedBy()).isEmpty();
        assertThat(result.addedEthereumAddresses()).containsExactly(ALICE.address());
        assertThat(result.addedInstallations()).containsExactly(ByteString.copyFrom(phone.publicKey()));
        assertThat(result.removedEthereumAddresses()).isEmpty();
    }

    @Test
    void theRegistrationUsesTheWalletSignatureTwiceWhichIsAllowedWithinOneUpdate() throws Exception {
        IdentityUpdate registration = IdentityUpdates.registration(ALICE, 1, phone, CLOCK);
        assertThat(registration.getActions(0).getCreateInbox().getInitialIdentifierSignature())
                .isEqualTo(registration.getActions(1).getAdd().getExistingMemberSignature());

        AssociationState state = verifier.replay(List.of(registration));

        // one wallet signature (seen once) and one installation signature
        assertThat(state.seenSignatures()).hasSize(2);
    }

    @Test
    void addsASecondInstallationThenRevokesIt() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>();
        log.add(IdentityUpdates.registration(ALICE, 1, phone, CLOCK));

        IdentityUpdate addLaptop = IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK);
        VerifiedUpdate added = verifier.verifyNext(log, addLaptop);
        log.add(addLaptop);

        assertThat(added.before()).isPresent();
        assertThat(added.after().installationKeys())
                .containsExactly(ByteString.copyFrom(phone.publicKey()), ByteString.copyFrom(laptop.publicKey()));
        assertThat(added.addedInstallations()).containsExactly(ByteString.copyFrom(laptop.publicKey()));
        assertThat(added.addedEthereumAddresses()).isEmpty();

        IdentityUpdate revokeLaptop = IdentityUpdates.revokeInstallations(inboxId, ALICE,
                List.of(laptop.publicKey()), CLOCK);
        VerifiedUpdate revoked = verifier.verifyNext(log, revokeLaptop);
        log.add(revokeLaptop);

        assertThat(revoked.after().installationKeys()).containsExactly(ByteString.copyFrom(phone.publicKey()));
        assertThat(revoked.removedInstallations()).containsExactly(ByteString.copyFrom(laptop.publicKey()));
        assertThat(verifier.replay(log).installationKeys()).containsExactly(ByteString.copyFrom(phone.publicKey()));
    }

    @Test
    void revokingAnAddressAlsoRemovesTheInstallationsItAdded() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>();
        log.add(IdentityUpdates.registration(ALICE, 1, phone, CLOCK));
        log.add(forge(inboxId).add(addressId(BOB), wallet(ALICE), wallet(BOB)).build());
        log.add(IdentityUpdates.addInstallation(inboxId, BOB, laptop, CLOCK));
        AssociationState withBob = verifier.replay(log);
        assertThat(withBob.ethereumAddresses()).containsExactly(ALICE.address(), BOB.address());
        assertThat(withBob.membersAddedBy(MemberId.ethereum(BOB.address())))
                .extracting(Member::id).containsExactly(MemberId.installation(laptop.publicKey()));

        IdentityUpdate revokeBob = forge(inboxId).revoke(addressId(BOB), wallet(ALICE)).build();
        VerifiedUpdate result = verifier.verifyNext(log, revokeBob);

        assertThat(result.after().ethereumAddresses()).containsExactly(ALICE.address());
        assertThat(result.after().installationKeys()).containsExactly(ByteString.copyFrom(phone.publicKey()));
        assertThat(result.removedEthereumAddresses()).containsExactly(BOB.address());
        assertThat(result.removedInstallations()).containsExactly(ByteString.copyFrom(laptop.publicKey()));
    }

    @Test
    void anInstallationMayLinkAnAddressAndTheRecoveryMayAddWithoutBeingAMember() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>();
        log.add(IdentityUpdates.registration(ALICE, 1, phone, CLOCK));
        // the phone (an installation) links Bob's address
        log.add(forge(inboxId).add(addressId(BOB), installationKey(phone), wallet(BOB)).build());
        // Alice unlinks her own address; she stays the recovery identifier
        log.add(forge(inboxId).revoke(addressId(ALICE), wallet(ALICE)).build());
        AssociationState state = verifier.replay(log);
        assertThat(state.ethereumAddresses()).containsExactly(BOB.address());
        assertThat(state.isMember(MemberId.installation(phone.publicKey()))).isFalse();

        IdentityUpdate addLaptop = IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK);
        AssociationState after = verifier.verifyNext(log, addLaptop).after();

        assertThat(after.member(MemberId.installation(laptop.publicKey())).orElseThrow().addedBy())
                .isEqualTo(Optional.of(MemberId.ethereum(ALICE.address())));
    }

    @Test
    void changesTheRecoveryAddress() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>();
        log.add(IdentityUpdates.registration(ALICE, 1, phone, CLOCK));
        IdentityUpdate change = forge(inboxId).changeRecovery(BOB.address(), wallet(ALICE)).build();

        AssociationState state = verifier.verifyNext(log, change).after();
        log.add(change);

        assertThat(state.recoveryIdentifier()).isEqualTo(MemberId.ethereum(BOB.address()));
        // now Bob, though not a member, may revoke
        IdentityUpdate revokePhone = IdentityUpdates.revokeInstallations(inboxId, BOB, List.of(phone.publicKey()), CLOCK);
        assertThat(verifier.verifyNext(log, revokePhone).after().installationKeys()).isEmpty();
    }
}
