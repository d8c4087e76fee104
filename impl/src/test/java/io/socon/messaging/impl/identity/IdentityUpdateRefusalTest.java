package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityTestKit.ALICE;
import static io.socon.messaging.impl.identity.IdentityTestKit.BOB;
import static io.socon.messaging.impl.identity.IdentityTestKit.CAROL;
import static io.socon.messaging.impl.identity.IdentityTestKit.CLOCK;
import static io.socon.messaging.impl.identity.IdentityTestKit.addressId;
import static io.socon.messaging.impl.identity.IdentityTestKit.erc191;
import static io.socon.messaging.impl.identity.IdentityTestKit.fixed;
import static io.socon.messaging.impl.identity.IdentityTestKit.forge;
import static io.socon.messaging.impl.identity.IdentityTestKit.installation;
import static io.socon.messaging.impl.identity.IdentityTestKit.installationId;
import static io.socon.messaging.impl.identity.IdentityTestKit.installationKey;
import static io.socon.messaging.impl.identity.IdentityTestKit.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Ed25519ph;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.MemberIdentifier;
import io.socon.messaging.impl.wire.identity.associations.Passkey;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEd25519Signature;
import io.socon.messaging.impl.wire.identity.associations.RecoverablePasskeySignature;
import io.socon.messaging.impl.wire.identity.associations.Signature;
import io.socon.messaging.impl.wire.identity.associations.SmartContractWalletSignature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * One test per association rule: each builds an update that breaks exactly that rule and checks that it is
 * refused with that rule's code (so the test fails if the rule is removed and another one, or none, fires).
 */
class IdentityUpdateRefusalTest {

    static final BigInteger N = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    final IdentityUpdateVerifier verifier = new IdentityUpdateVerifier();
    final Ed25519InstallationSigner phone = installation(1);
    final Ed25519InstallationSigner laptop = installation(2);
    final Ed25519InstallationSigner tablet = installation(3);
    final String inboxId = InboxId.derive(ALICE.address(), 1);
    final IdentityUpdate registration = IdentityUpdates.registration(ALICE, 1, phone, CLOCK);
    final List<IdentityUpdate> registered = List.of(registration);

    static IdentityUpdateRejectedException rejection(Rule rule, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(IdentityUpdateRejectedException.class);
        IdentityUpdateRejectedException rejected = (IdentityUpdateRejectedException) thrown;
        assertThat(rejected.rule()).as(rejected.getMessage()).isEqualTo(rule);
        assertThat(rejected.getMessage()).startsWith("identity update rejected (" + rule + ")");
        return rejected;
    }

    // --- signatures -------------------------------------------------------------------------------------

    @Test
    void forgedWalletSignature() {
        IdentityUpdate forged = forge(inboxId)
                .createInbox(ALICE.address(), 1, text -> {
                    byte[] signature = ALICE.signPersonalMessage(text);
                    signature[40] ^= 0x01;
                    return erc191(signature);
                })
                .build();

        var e = rejection(Rule.CREATE_SIGNER_MISMATCH, () -> verifier.verifyNext(List.of(), forged));
        assertThat(e.actionIndex()).hasValue(0);
        assertThat(e.getMessage()).contains("owner must sign").contains(ALICE.address());
    }

    @Test
    void walletSignatureByAnotherAddress() {
        IdentityUpdate byBob = forge(inboxId).createInbox(ALICE.address(), 1, wallet(BOB)).build();

        var e = rejection(Rule.CREATE_SIGNER_MISMATCH, () -> verifier.verifyNext(List.of(), byBob));
        assertThat(e.getMessage()).contains("made by address " + BOB.address());
    }

    @Test
    void walletSignatureOverAnotherText() {
        IdentityUpdate stale = forge(inboxId)
                .createInbox(ALICE.address(), 1, fixed(erc191(ALICE.signPersonalMessage("some other text"))))
                .build();

        rejection(Rule.CREATE_SIGNER_MISMATCH, () -> verifier.verifyNext(List.of(), stale));
    }

    @Test
    void installationSignatureByAnotherKeyClaimingTheNewKey() {
        IdentityUpdate update = forge(inboxId)
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .add(installationId(phone), wallet(ALICE), text -> Signature.newBuilder()
                        .setInstallationKey(RecoverableEd25519Signature.newBuilder()
                                .setBytes(ByteString.copyFrom(laptop.signIdentityText(text)))
                                .setPublicKey(ByteString.copyFrom(phone.publicKey())))
                        .build())
                .build();

        var e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), update));
        assertThat(e.actionIndex()).hasValue(1);
        assertThat(e.getMessage()).contains("new_member_signature").contains("does not verify");
    }

    @Test
    void installationSignatureWithTheWrongEd25519Context() {
        byte[] publicContext = "PUBLIC SIGNATURE CONTEXT".getBytes(StandardCharsets.US_ASCII);
        IdentityUpdate update = forge(inboxId)
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .add(installationId(phone), wallet(ALICE), text -> installationSignature(
                        Ed25519ph.sign(seed(1), publicContext, text.getBytes(StandardCharsets.UTF_8)), phone))
                .build();

        var e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), update));
        assertThat(e.getMessage()).contains("IDENTITY UPDATE SIGNATURE");
    }

    @Test
    void signaturesOfTheWrongLength() {
        IdentityUpdate shortWallet = forge(inboxId).createInbox(ALICE.address(), 1,
                text -> erc191(java.util.Arrays.copyOf(ALICE.signPersonalMessage(text), 64))).build();
        var e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), shortWallet));
        assertThat(e.getMessage()).contains("65 bytes").contains("got 64");

        IdentityUpdate shortInstallation = forge(inboxId)
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .add(installationId(phone), wallet(ALICE),
                        text -> installationSignature(java.util.Arrays.copyOf(phone.signIdentityText(text), 63), phone))
                .build();
        e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), shortInstallation));
        assertThat(e.getMessage()).contains("64 bytes, got 63");

        IdentityUpdate shortKey = forge(inboxId)
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .add(installationId(phone), wallet(ALICE), text -> Signature.newBuilder()
                        .setInstallationKey(RecoverableEd25519Signature.newBuilder()
                                .setBytes(ByteString.copyFrom(phone.signIdentityText(text)))
                                .setPublicKey(ByteString.copyFrom(phone.publicKey(), 0, 31)))
                        .build())
                .build();
        e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), shortKey));
        assertThat(e.getMessage()).contains("public_key").contains("31 bytes");
    }

    // --- creation ---------------------------------------------------------------------------------------

    @Test
    void creatingTheInboxTwice() {
        IdentityUpdate again = forge(inboxId).createInbox(ALICE.address(), 1, wallet(ALICE)).build();
        rejection(Rule.INBOX_ALREADY_CREATED, () -> verifier.verifyNext(registered, again));

        IdentityUpdate twiceInOne = forge(inboxId)
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .createInbox(ALICE.address(), 1, wallet(ALICE))
                .build();
        var e = rejection(Rule.INBOX_ALREADY_CREATED, () -> verifier.verifyNext(List.of(), twiceInOne));
        assertThat(e.actionIndex()).hasValue(1);
    }

    @Test
    void anUpdateBeforeTheInboxIsCreated() {
        IdentityUpdate addFirst = IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK);

        var e = rejection(Rule.INBOX_NOT_CREATED, () -> verifier.verifyNext(List.of(), addFirst));
        assertThat(e.getMessage()).contains("must start with CreateInbox");
    }

    @Test
    void inboxIdThatDoesNotMatchTheNonce() {
        IdentityUpdate nonceTwo = forge(inboxId).createInbox(ALICE.address(), 2, wallet(ALICE)).build();

        var e = rejection(Rule.WRONG_INBOX_ID, () -> verifier.verifyNext(List.of(), nonceTwo));
        assertThat(e.getMessage()).contains(InboxId.derive(ALICE.address(), 2));
    }

    @Test
    void wrongInboxIdOnALaterUpdate() {
        String bobsInbox = InboxId.derive(BOB.address(), 1);
        IdentityUpdate misdirected = IdentityUpdates.addInstallation(bobsInbox, ALICE, laptop, CLOCK);

        rejection(Rule.WRONG_INBOX_ID, () -> verifier.verifyNext(registered, misdirected));
    }

    @Test
    void anOwnerThatIsNotAWellFormedAddressCannotOwnAnInbox() {
        // Only reachable through a smart-contract wallet account id without "0x", which libxmtp also accepts
        // as a signer but cannot derive an inbox id for.
        String bare = ALICE.address().substring(2);
        IdentityUpdateVerifier withChain = new IdentityUpdateVerifier((chain, account, hash, sig, block) ->
                SmartContractWalletVerifier.Verdict.accepted());
        IdentityUpdate update = forge("x").createInbox(bare, 1, fixed(scw("eip155:1:" + bare))).build();

        rejection(Rule.INVALID_ACCOUNT_ADDRESS, () -> withChain.verifyNext(List.of(), update));
    }

    // --- adding members ---------------------------------------------------------------------------------

    @Test
    void anInstallationAddingAnInstallation() {
        IdentityUpdate update = forge(inboxId).add(installationId(laptop), installationKey(phone), installationKey(laptop))
                .build();

        var e = rejection(Rule.INSTALLATION_CANNOT_ADD_INSTALLATION, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("a wallet must sign instead");
    }

    @Test
    void newMemberSignatureMissing() {
        IdentityUpdate update = forge(inboxId).add(installationId(laptop), wallet(ALICE), null).build();

        var e = rejection(Rule.MALFORMED_UPDATE, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("new_member_signature is missing");
    }

    @Test
    void newMemberSignatureBySomeoneElse() {
        IdentityUpdate update = forge(inboxId).add(installationId(laptop), wallet(ALICE), installationKey(tablet))
                .build();

        var e = rejection(Rule.NEW_MEMBER_SIGNER_MISMATCH, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains(Hex.encode(laptop.publicKey())).contains(Hex.encode(tablet.publicKey()));
    }

    @Test
    void addressesAreComparedAsSentSoAnUppercaseAddressNeverMatchesItsSigner() {
        MemberIdentifier upper = MemberIdentifier.newBuilder()
                .setEthereumAddress("0x" + BOB.address().substring(2).toUpperCase(java.util.Locale.ROOT)).build();
        IdentityUpdate update = forge(inboxId).add(upper, wallet(ALICE), wallet(BOB)).build();

        rejection(Rule.NEW_MEMBER_SIGNER_MISMATCH, () -> verifier.verifyNext(registered, update));
    }

    @Test
    void aMemberAddingItself() {
        IdentityUpdate update = forge(inboxId).add(addressId(BOB), wallet(BOB), wallet(BOB)).build();

        rejection(Rule.ADDING_SELF, () -> verifier.verifyNext(registered, update));
    }

    @Test
    void existingSignerThatIsNotAMember() {
        IdentityUpdate update = forge(inboxId).add(installationId(laptop), wallet(BOB), installationKey(laptop)).build();

        var e = rejection(Rule.EXISTING_SIGNER_NOT_MEMBER, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains(BOB.address()).contains("neither a member");
    }

    @Test
    void aRevokedInstallationCanNoLongerVouch() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>(registered);
        log.add(IdentityUpdates.revokeInstallations(inboxId, ALICE, List.of(phone.publicKey()), CLOCK));
        IdentityUpdate update = forge(inboxId).add(addressId(BOB), installationKey(phone), wallet(BOB)).build();

        rejection(Rule.EXISTING_SIGNER_NOT_MEMBER, () -> verifier.verifyNext(log, update));
    }

    // --- revocation and recovery ------------------------------------------------------------------------

    @Test
    void revocationNotSignedByTheRecoveryAddress() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>(registered);
        log.add(forge(inboxId).add(addressId(BOB), wallet(ALICE), wallet(BOB)).build());
        IdentityUpdate byBob = IdentityUpdates.revokeInstallations(inboxId, BOB, List.of(phone.publicKey()), CLOCK);

        var e = rejection(Rule.NOT_SIGNED_BY_RECOVERY, () -> verifier.verifyNext(log, byBob));
        assertThat(e.getMessage()).contains("only the recovery identifier address " + ALICE.address());

        IdentityUpdate byInstallation = forge(inboxId).revoke(installationId(phone), installationKey(phone)).build();
        rejection(Rule.NOT_SIGNED_BY_RECOVERY, () -> verifier.verifyNext(log, byInstallation));
    }

    @Test
    void recoveryChangeNotSignedByTheRecoveryAddress() {
        IdentityUpdate update = forge(inboxId).changeRecovery(CAROL.address(), wallet(BOB)).build();

        rejection(Rule.NOT_SIGNED_BY_RECOVERY, () -> verifier.verifyNext(registered, update));
    }

    @Test
    void signatureKindThatDoesNotFitTheRole() {
        // The recovery wallet's legacy v2 key may not sign a revocation, though it speaks for the same wallet.
        byte[] legacyKey = Hex.decode("0123456789012345678901234567890123456789012345678901234567890123");
        IdentityUpdate update = forge(inboxId).revoke(installationId(phone), LegacyKeys.delegated(legacyKey, ALICE))
                .build();

        var e = rejection(Rule.SIGNATURE_KIND_NOT_ALLOWED, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("legacy delegated");
    }

    // --- replay -----------------------------------------------------------------------------------------

    @Test
    void aSignatureFromAnEarlierUpdate() throws Exception {
        IdentityUpdate addLaptop = IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK);
        List<IdentityUpdate> log = List.of(registration, addLaptop);

        var e = rejection(Rule.REPLAYED_SIGNATURE, () -> verifier.verifyNext(log, addLaptop));
        assertThat(e.getMessage()).contains("already used by an earlier update");
    }

    @Test
    void aHighSCopyOfAnEarlierSignatureIsStillAReplay() throws Exception {
        IdentityUpdate revoke = forge(inboxId).revoke(installationId(laptop), wallet(ALICE)).build();
        List<IdentityUpdate> log = List.of(registration, revoke);
        byte[] signature = revoke.getActions(0).getRevoke().getRecoveryIdentifierSignature().getErc191().getBytes()
                .toByteArray();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] highS = signature.clone();
        System.arraycopy(unsigned32(N.subtract(s)), 0, highS, 32, 32);
        IdentityUpdate twin = forge(inboxId).revoke(installationId(laptop), fixed(erc191(highS))).build();

        rejection(Rule.REPLAYED_SIGNATURE, () -> verifier.verifyNext(log, twin));
    }

    // --- the log ----------------------------------------------------------------------------------------

    @Test
    void theInboxLogHoldsAtMost256Updates() throws Exception {
        List<IdentityUpdate> log = new ArrayList<>(registered);
        for (int i = 0; log.size() < 255; i++) {
            log.add(IdentityUpdates.addInstallation(inboxId, ALICE, installation(10 + i % 200),
                    Clock.offset(CLOCK, Duration.ofSeconds(i + 1))));
        }
        IdentityUpdate next = IdentityUpdates.addInstallation(inboxId, ALICE, installation(250),
                Clock.offset(CLOCK, Duration.ofDays(1)));

        assertThatCode(() -> verifier.verifyNext(log, next)).doesNotThrowAnyException();
        log.add(next);
        assertThat(log).hasSize(256);
        assertThat(verifier.replay(log).installationKeys()).isNotEmpty();

        IdentityUpdate oneMore = IdentityUpdates.addInstallation(inboxId, ALICE, installation(251),
                Clock.offset(CLOCK, Duration.ofDays(2)));
        var e = rejection(Rule.INBOX_LOG_FULL, () -> verifier.verifyNext(log, oneMore));
        assertThat(e.getMessage()).contains("at most 256");
    }

    @Test
    void anUpdateWithoutActions() {
        IdentityUpdate empty = IdentityUpdate.newBuilder().setInboxId(inboxId).setClientTimestampNs(1).build();

        rejection(Rule.EMPTY_UPDATE, () -> verifier.verifyNext(registered, empty));
    }

    @Test
    void theWholeUpdateFailsWhenOneActionFails() {
        IdentityUpdate update = forge(inboxId)
                .add(installationId(laptop), wallet(ALICE), installationKey(laptop))
                .revoke(installationId(phone), wallet(BOB))
                .build();

        var e = rejection(Rule.NOT_SIGNED_BY_RECOVERY, () -> verifier.verifyNext(registered, update));
        assertThat(e.actionIndex()).hasValue(1);
    }

    @Test
    void aBrokenAcceptedLogIsReportedWithItsPosition() {
        IdentityUpdate bad = forge(inboxId).revoke(installationId(phone), wallet(BOB)).build();
        IdentityUpdate next = IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK);

        var e = rejection(Rule.NOT_SIGNED_BY_RECOVERY, () -> verifier.verifyNext(List.of(registration, bad), next));
        assertThat(e.getMessage()).contains("log entry 1 of 2");
    }

    @Test
    void anActionWithoutAKind() {
        IdentityUpdate update = IdentityUpdate.newBuilder(IdentityUpdates.addInstallation(inboxId, ALICE, laptop, CLOCK))
                .addActions(IdentityAction.getDefaultInstance()).build();

        var e = rejection(Rule.MALFORMED_UPDATE, () -> verifier.verifyNext(registered, update));
        assertThat(e.actionIndex()).hasValue(1);
    }

    // --- smart-contract wallets, legacy keys, passkeys ----------------------------------------------------

    @Test
    void smartContractWalletSignatureWithoutAChainRpc() {
        IdentityUpdate update = forge(inboxId).add(addressId(BOB), wallet(ALICE), fixed(scw("eip155:8453:" + BOB.address())))
                .build();

        var e = rejection(Rule.SMART_CONTRACT_WALLET_VERIFIER_MISSING, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("smart contract wallet signatures need a chain RPC, none is configured");
    }

    @Test
    void smartContractWalletSignatureRefusedByTheChain() {
        IdentityUpdateVerifier withChain = new IdentityUpdateVerifier((chain, account, hash, sig, block) ->
                SmartContractWalletVerifier.Verdict.refused("isValidSignature returned 0xffffffff"));
        IdentityUpdate update = forge(inboxId).add(addressId(BOB), wallet(ALICE), fixed(scw("eip155:8453:" + BOB.address())))
                .build();

        var e = rejection(Rule.INVALID_SIGNATURE, () -> withChain.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("0xffffffff").contains("chain 8453");
    }

    @Test
    void smartContractWalletSigningFromAnotherChain() throws Exception {
        String scwAddress = CAROL.address();
        String scwInbox = InboxId.derive(scwAddress, 0);
        List<Object[]> calls = new ArrayList<>();
        IdentityUpdateVerifier withChain = new IdentityUpdateVerifier((chain, account, hash, sig, block) -> {
            calls.add(new Object[] {chain, account, block});
            return SmartContractWalletVerifier.Verdict.accepted();
        });
        IdentityUpdate create = forge(scwInbox)
                .createInbox(scwAddress, 0, fixed(scw("eip155:1:" + scwAddress, 7, 100)))
                .add(installationId(phone), fixed(scw("eip155:1:" + scwAddress, 8, 100)), installationKey(phone))
                .build();
        AssociationState state = withChain.verifyNext(List.of(), create).after();
        assertThat(state.member(MemberId.ethereum(scwAddress)).orElseThrow().addedOnChainId()).hasValue(1);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsExactly(1L, scwAddress, 100L);

        IdentityUpdate fromBase = forge(scwInbox)
                .add(installationId(laptop), fixed(scw("eip155:8453:" + scwAddress, 9, 200)), installationKey(laptop))
                .build();
        var e = rejection(Rule.CHAIN_ID_MISMATCH, () -> withChain.verifyNext(List.of(create), fromBase));
        assertThat(e.getMessage()).contains("chain 8453").contains("added on chain 1");
    }

    @Test
    void aChainRpcFailureIsNotARejection() {
        IdentityUpdateVerifier withChain = new IdentityUpdateVerifier((chain, account, hash, sig, block) -> {
            throw new IllegalStateException("RPC unreachable");
        });
        IdentityUpdate update = forge(inboxId).add(addressId(BOB), wallet(ALICE), fixed(scw("eip155:1:" + BOB.address())))
                .build();

        assertThat(catchThrowable(() -> withChain.verifyNext(registered, update)))
                .isInstanceOf(IllegalStateException.class).hasMessage("RPC unreachable");
    }

    @Test
    void legacyKeysMayOnlyCreateTheNonceZeroInbox() throws Exception {
        byte[] legacyKey = Hex.decode("0123456789012345678901234567890123456789012345678901234567890123");
        IdentityTestKit.Signer legacy = LegacyKeys.delegated(legacyKey, ALICE);
        String nonceZeroInbox = InboxId.derive(ALICE.address(), 0);
        IdentityUpdate fromLegacy = forge(nonceZeroInbox)
                .createInbox(ALICE.address(), 0, legacy)
                .add(installationId(phone), legacy, installationKey(phone))
                .build();
        AssociationState state = verifier.verifyNext(List.of(), fromLegacy).after();
        assertThat(state.ethereumAddresses()).containsExactly(ALICE.address());
        assertThat(state.installationKeys()).containsExactly(ByteString.copyFrom(phone.publicKey()));

        IdentityUpdate nonceOne = forge(inboxId).createInbox(ALICE.address(), 1, legacy).build();
        rejection(Rule.LEGACY_SIGNATURE_MISUSE, () -> verifier.verifyNext(List.of(), nonceOne));

        IdentityUpdate addToNonceOne = forge(inboxId).add(installationId(laptop), legacy, installationKey(laptop)).build();
        rejection(Rule.LEGACY_SIGNATURE_MISUSE, () -> verifier.verifyNext(registered, addToNonceOne));
    }

    @Test
    void aLegacySignatureNotMadeByTheDelegatedKey() {
        byte[] legacyKey = Hex.decode("0123456789012345678901234567890123456789012345678901234567890123");
        var delegatedKey = LegacyKeys.vouchedKey(legacyKey, ALICE);
        IdentityUpdate update = forge(InboxId.derive(ALICE.address(), 0))
                .createInbox(ALICE.address(), 0, text -> Signature.newBuilder().setDelegatedErc191(
                        io.socon.messaging.impl.wire.identity.associations.LegacyDelegatedSignature.newBuilder()
                                .setDelegatedKey(delegatedKey)
                                .setSignature(io.socon.messaging.impl.wire.identity.associations.RecoverableEcdsaSignature
                                        .newBuilder().setBytes(ByteString.copyFrom(BOB.signPersonalMessage(text)))))
                        .build())
                .build();

        var e = rejection(Rule.INVALID_SIGNATURE, () -> verifier.verifyNext(List.of(), update));
        assertThat(e.getMessage()).contains("not made by the delegated key");
    }

    @Test
    void passkeysAreNotSupported() {
        MemberIdentifier passkey = MemberIdentifier.newBuilder()
                .setPasskey(Passkey.newBuilder().setKey(ByteString.copyFrom(new byte[33]))).build();
        IdentityUpdate update = forge(inboxId).add(passkey, wallet(ALICE), fixed(Signature.newBuilder()
                .setPasskey(RecoverablePasskeySignature.getDefaultInstance()).build())).build();

        var e = rejection(Rule.NOT_SUPPORTED, () -> verifier.verifyNext(registered, update));
        assertThat(e.getMessage()).contains("passkeys are not supported");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    static Signature scw(String accountId) {
        return scw(accountId, 1, 1);
    }

    static Signature scw(String accountId, int salt, long blockNumber) {
        return Signature.newBuilder().setErc6492(SmartContractWalletSignature.newBuilder()
                .setAccountId(accountId).setBlockNumber(blockNumber)
                .setSignature(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) salt}))).build();
    }

    static Signature installationSignature(byte[] signature, InstallationSigner claimedKey) {
        return Signature.newBuilder().setInstallationKey(RecoverableEd25519Signature.newBuilder()
                .setBytes(ByteString.copyFrom(signature))
                .setPublicKey(ByteString.copyFrom(claimedKey.publicKey()))).build();
    }

    static byte[] seed(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return seed;
    }

    static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
