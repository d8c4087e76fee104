package io.socon.messaging.impl.node;

import static io.socon.messaging.impl.node.GroupMessagesTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.identity.Ed25519InstallationSigner;
import io.socon.messaging.impl.identity.IdentityUpdates;
import io.socon.messaging.impl.identity.InboxId;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.xmtp.XmtpKeyPackageBuilder;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsResponse;
import io.socon.messaging.impl.wire.identity.api.v1.PublishIdentityUpdateRequest;
import io.socon.messaging.impl.wire.identity.api.v1.VerifySmartContractWalletSignatureRequestSignature;
import io.socon.messaging.impl.wire.identity.api.v1.VerifySmartContractWalletSignaturesRequest;
import io.socon.messaging.impl.wire.identity.api.v1.VerifySmartContractWalletSignaturesResponse;
import io.socon.messaging.impl.wire.identity.associations.IdentifierKind;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.KeyPackageUpload;
import io.socon.messaging.impl.wire.mls.api.v1.RegisterInstallationRequest;
import io.socon.messaging.impl.wire.mls.api.v1.UploadKeyPackageRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IdentityApi and the key-package calls of MlsApi, with real signatures and real key packages. */
class IdentityAndKeyPackagesTest extends RunningNodeTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final Clock CLOCK = Clock.systemUTC();

    PrivateKeyWalletSigner wallet;
    Ed25519InstallationSigner installation;
    String inboxId;

    @BeforeEach
    void newUser() {
        wallet = PrivateKeyWalletSigner.generate(RANDOM);
        installation = Ed25519InstallationSigner.generate(RANDOM);
        inboxId = InboxId.derive(wallet.address(), 1);
    }

    void publish(IdentityUpdate update) {
        node.identity().publishIdentityUpdate(PublishIdentityUpdateRequest.newBuilder().setIdentityUpdate(update).build());
    }

    GetIdentityUpdatesResponse.Response updates(String inbox, long after) {
        return node.identity().getIdentityUpdates(GetIdentityUpdatesRequest.newBuilder()
                .addRequests(GetIdentityUpdatesRequest.Request.newBuilder().setInboxId(inbox).setSequenceId(after))
                .build()).getResponses(0);
    }

    GetInboxIdsResponse inboxIds(String... identifiers) {
        GetInboxIdsRequest.Builder request = GetInboxIdsRequest.newBuilder();
        for (String identifier : identifiers) {
            request.addRequests(GetInboxIdsRequest.Request.newBuilder().setIdentifier(identifier)
                    .setIdentifierKind(IdentifierKind.IDENTIFIER_KIND_ETHEREUM));
        }
        return node.identity().getInboxIds(request.build());
    }

    @Test
    void aRegistrationIsStoredWithAStableSequenceIdAndIndexesTheAddress() {
        IdentityUpdate registration = IdentityUpdates.registration(wallet, 1, installation, CLOCK);
        publish(registration);

        GetIdentityUpdatesResponse.Response log = updates(inboxId, 0);
        assertThat(log.getInboxId()).isEqualTo(inboxId);
        assertThat(log.getUpdatesCount()).isEqualTo(1);
        assertThat(log.getUpdates(0).getUpdate()).isEqualTo(registration);
        assertThat(log.getUpdates(0).getSequenceId()).isPositive();
        assertThat(log.getUpdates(0).getServerTimestampNs()).isPositive();
        assertThat(updates(inboxId, log.getUpdates(0).getSequenceId()).getUpdatesCount()).isZero();
        assertThat(updates("0".repeat(64), 0).getUpdatesCount()).as("an unknown inbox has an empty log").isZero();

        GetInboxIdsResponse ids = inboxIds(wallet.address().toUpperCase().replace("0X", "0x"), "0x" + "1".repeat(40));
        assertThat(ids.getResponses(0).getInboxId()).as("addresses match whatever their case").isEqualTo(inboxId);
        assertThat(ids.getResponses(0).getIdentifier()).isEqualTo(wallet.address().toUpperCase().replace("0X", "0x"));
        assertThat(ids.getResponses(1).hasInboxId()).isFalse();
    }

    @Test
    void aSecondInstallationAndARevocationAreAppended() {
        publish(IdentityUpdates.registration(wallet, 1, installation, CLOCK));
        Ed25519InstallationSigner second = Ed25519InstallationSigner.generate(RANDOM);
        publish(IdentityUpdates.addInstallation(inboxId, wallet, second, CLOCK));
        publish(IdentityUpdates.revokeInstallations(inboxId, wallet, List.of(installation.publicKey()), CLOCK));

        GetIdentityUpdatesResponse.Response log = updates(inboxId, 0);
        assertThat(log.getUpdatesCount()).isEqualTo(3);
        assertThat(log.getUpdatesList()).extracting(GetIdentityUpdatesResponse.IdentityUpdateLog::getSequenceId).isSorted();
        assertThat(inboxIds(wallet.address()).getResponses(0).getInboxId()).isEqualTo(inboxId);
    }

    @Test
    void forgedOrMalformedIdentityUpdatesAreRefusedAndNothingIsStored() {
        Clock now = Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
        IdentityUpdate good = IdentityUpdates.registration(wallet, 1, installation, now);
        PrivateKeyWalletSigner mallory = PrivateKeyWalletSigner.generate(RANDOM);

        // signed by another wallet than the one it names (the builder refuses to, so swap the signatures in)
        String text = IdentityUpdates.registrationRequest(wallet.address(), 1, installation, now).signatureText();
        ByteString malloryOverSameText = ByteString.copyFrom(mallory.signPersonalMessage(text));
        IdentityUpdate forged = withWalletSignatures(good, malloryOverSameText);
        assertInvalid(() -> publish(forged), "invalid identity update");
        // a wallet signature with a flipped byte
        IdentityUpdate tampered = good.toBuilder().setActions(0, good.getActions(0).toBuilder().setCreateInbox(
                good.getActions(0).getCreateInbox().toBuilder().setInitialIdentifierSignature(
                        good.getActions(0).getCreateInbox().getInitialIdentifierSignature().toBuilder().setErc191(
                                good.getActions(0).getCreateInbox().getInitialIdentifierSignature().getErc191().toBuilder()
                                        .setBytes(flip(good.getActions(0).getCreateInbox().getInitialIdentifierSignature()
                                                .getErc191().getBytes()))))))
                .build();
        assertInvalid(() -> publish(tampered), "invalid identity update");
        // a later timestamp than the one signed: the signature text no longer matches
        assertInvalid(() -> publish(good.toBuilder().setClientTimestampNs(good.getClientTimestampNs() + 1_000_000_000L).build()),
                "invalid identity update");
        // an inbox id that is not derived from the address and nonce
        IdentityUpdate wrongNonce = IdentityUpdates.registration(wallet, 2, installation, CLOCK);
        assertInvalid(() -> publish(wrongNonce.toBuilder().setInboxId(inboxId).build()), "invalid identity update");
        // structure
        assertInvalid(() -> publish(good.toBuilder().setInboxId("not-hex").build()), "inbox_id must be 64 lowercase hex");
        assertInvalid(() -> publish(good.toBuilder().clearActions().build()), "has no actions");
        assertInvalid(() -> node.identity().publishIdentityUpdate(PublishIdentityUpdateRequest.getDefaultInstance()),
                "no identity_update");
        // adding an installation to an inbox that does not exist
        assertInvalid(() -> publish(IdentityUpdates.addInstallation(inboxId, wallet, installation, CLOCK)),
                "invalid identity update");

        assertThat(updates(inboxId, 0).getUpdatesCount()).isZero();
        assertThat(inboxIds(wallet.address()).getResponses(0).hasInboxId()).isFalse();

        publish(good);
        // creating the same inbox twice, and replaying an accepted update
        assertInvalid(() -> publish(IdentityUpdates.registration(wallet, 1, Ed25519InstallationSigner.generate(RANDOM),
                Clock.offset(CLOCK, java.time.Duration.ofSeconds(2)))), "invalid identity update");
        assertInvalid(() -> publish(good), "invalid identity update");
        // a stranger's wallet vouching for a new installation
        assertInvalid(() -> publish(IdentityUpdates.addInstallation(inboxId, mallory,
                Ed25519InstallationSigner.generate(RANDOM), CLOCK)), "invalid identity update");
        // revocation by someone who is not the recovery address
        assertInvalid(() -> publish(IdentityUpdates.revokeInstallations(inboxId, mallory,
                List.of(installation.publicKey()), CLOCK)), "invalid identity update");
        assertThat(updates(inboxId, 0).getUpdatesCount()).isEqualTo(1);
    }

    /** The registration with both of its wallet signatures replaced. */
    static IdentityUpdate withWalletSignatures(IdentityUpdate registration, ByteString signature) {
        IdentityUpdate.Builder update = registration.toBuilder();
        var create = update.getActionsBuilder(0).getCreateInboxBuilder();
        create.getInitialIdentifierSignatureBuilder().getErc191Builder().setBytes(signature);
        var add = update.getActionsBuilder(1).getAddBuilder();
        add.getExistingMemberSignatureBuilder().getErc191Builder().setBytes(signature);
        return update.build();
    }

    static ByteString flip(ByteString bytes) {
        byte[] copy = bytes.toByteArray();
        copy[10] ^= 0x01;
        return ByteString.copyFrom(copy);
    }

    @Test
    void smartContractWalletsAreReportedUnverifiable() {
        VerifySmartContractWalletSignaturesResponse response = node.identity().verifySmartContractWalletSignatures(
                VerifySmartContractWalletSignaturesRequest.newBuilder().addSignatures(
                        VerifySmartContractWalletSignatureRequestSignature.newBuilder()
                                .setAccountId("eip155:8453:0x" + "2".repeat(40))
                                .setSignature(ByteString.copyFrom(new byte[65]))
                                .setHash(ByteString.copyFrom(new byte[32])))
                        .build());

        assertThat(response.getResponsesCount()).isEqualTo(1);
        assertThat(response.getResponses(0).getIsValid()).isFalse();
        assertThat(response.getResponses(0).getError()).contains("no Ethereum JSON-RPC endpoint configured");
    }

    // ------------------------------------------------------------ key packages

    static byte[] keyPackage(String inbox, Ed25519KeyPair key, Clock clock) {
        return XmtpKeyPackageBuilder.forInbox(inbox)
                .installationKey(key)
                .initKey(X25519KeyPair.generate(RANDOM).publicKey())
                .encryptionKey(X25519KeyPair.generate(RANDOM).publicKey())
                .build(clock)
                .toBytes();
    }

    void upload(byte[] keyPackage) {
        node.mls().uploadKeyPackage(UploadKeyPackageRequest.newBuilder()
                .setKeyPackage(KeyPackageUpload.newBuilder().setKeyPackageTlsSerialized(ByteString.copyFrom(keyPackage)))
                .setIsInboxIdCredential(true).build());
    }

    FetchKeyPackagesResponse fetch(Bytes... keys) {
        FetchKeyPackagesRequest.Builder request = FetchKeyPackagesRequest.newBuilder();
        for (Bytes key : keys) {
            request.addInstallationKeys(ByteString.copyFrom(key.toByteArray()));
        }
        return node.mls().fetchKeyPackages(request.build());
    }

    @Test
    void keyPackagesAreAcceptedBeforeRegistrationAndTheNewestWins() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
        byte[] first = keyPackage(inboxId, key, CLOCK);
        byte[] rotated = keyPackage(inboxId, key, CLOCK);
        upload(first);
        upload(rotated);

        FetchKeyPackagesResponse response = fetch(Ed25519KeyPair.generate(RANDOM).publicKey(), key.publicKey());

        assertThat(response.getKeyPackagesCount()).isEqualTo(2);
        assertThat(response.getKeyPackages(0).getKeyPackageTlsSerialized()).isEmpty();
        assertThat(response.getKeyPackages(1).getKeyPackageTlsSerialized().toByteArray()).isEqualTo(rotated);
        assertThat(fetch(key.publicKey()).getKeyPackages(0).getKeyPackageTlsSerialized().toByteArray())
                .as("fetching does not consume it").isEqualTo(rotated);
    }

    @Test
    void theRetiredRegisterInstallationStillAnswersWithTheInstallationKey() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
        var response = node.mls().registerInstallation(RegisterInstallationRequest.newBuilder()
                .setKeyPackage(KeyPackageUpload.newBuilder()
                        .setKeyPackageTlsSerialized(ByteString.copyFrom(keyPackage(inboxId, key, CLOCK))))
                .build());

        assertThat(response.getInstallationKey().toByteArray()).isEqualTo(key.publicKey().toByteArray());
    }

    @Test
    void invalidKeyPackagesAreRefused() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
        byte[] valid = keyPackage(inboxId, key, CLOCK);

        assertInvalid(() -> node.mls().uploadKeyPackage(UploadKeyPackageRequest.getDefaultInstance()), "no key package");
        assertInvalid(() -> upload(new byte[] {0, 1, 0, 3}), "invalid key package");
        byte[] badSignature = valid.clone();
        badSignature[badSignature.length - 5] ^= 0x20;
        assertInvalid(() -> upload(badSignature), "invalid key package");
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 1);
        assertInvalid(() -> upload(truncated), "invalid key package");
        byte[] expired = keyPackage(inboxId, key, Clock.fixed(Instant.now().minus(java.time.Duration.ofDays(200)),
                java.time.ZoneOffset.UTC));
        assertInvalid(() -> upload(expired), "invalid key package");

        assertThat(fetch(key.publicKey()).getKeyPackages(0).getKeyPackageTlsSerialized()).as("nothing stored").isEmpty();
    }

    @Test
    void aKeyPackageWithACustomLifetimeInTheFutureIsRefused() {
        Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
        Instant later = Instant.now().plus(java.time.Duration.ofDays(2));
        byte[] notYetValid = XmtpKeyPackageBuilder.forInbox(inboxId)
                .installationKey(key)
                .initKey(X25519KeyPair.generate(RANDOM).publicKey())
                .encryptionKey(X25519KeyPair.generate(RANDOM).publicKey())
                .lifetime(new Lifetime(later.getEpochSecond(), later.plus(java.time.Duration.ofDays(30)).getEpochSecond()))
                .build(CLOCK)
                .toBytes();

        assertInvalid(() -> upload(notYetValid), "invalid key package");
    }
}
