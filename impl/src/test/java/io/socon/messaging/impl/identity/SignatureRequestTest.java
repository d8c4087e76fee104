package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityTestKit.ALICE;
import static io.socon.messaging.impl.identity.IdentityTestKit.BOB;
import static io.socon.messaging.impl.identity.IdentityTestKit.CLOCK;
import static io.socon.messaging.impl.identity.IdentityTestKit.installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.identity.associations.IdentifierKind;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureRequestTest {

    final Ed25519InstallationSigner phone = installation(1);

    @Test
    void registrationHasLibxmtpsShapeAndText() {
        SignatureRequest request = IdentityUpdates.registrationRequest(ALICE.address(), 1, phone, CLOCK);

        assertThat(request.inboxId()).isEqualTo(InboxId.derive(ALICE.address(), 1));
        assertThat(request.signatureText()).isEqualTo("XMTP : Authenticate to inbox\n\n"
                + "Inbox ID: f2dc4b90b67487658e6fc1d4759c148fac797ea24fadee18c9d511787e04ea1a\n"
                + "Current time: 2025-06-01T12:00:00Z\n\n"
                + "- Create inbox\n  (Owner: 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266)\n"
                + "- Grant messaging access to app\n  (ID: " + Hex.encode(phone.publicKey()) + ")\n\n"
                + "For more info: https://xmtp.org/signatures");
        assertThat(request.missingWalletSignatures()).containsExactly(ALICE.address());
        assertThat(request.missingInstallationSignatures()).isEmpty();

        IdentityUpdate update = request.signedBy(ALICE).toIdentityUpdate();

        assertThat(update.getClientTimestampNs()).isEqualTo(1_748_779_200_123_456_789L);
        assertThat(SignatureText.of(update)).isEqualTo(request.signatureText());
        IdentityAction create = update.getActions(0);
        assertThat(create.getCreateInbox().getInitialIdentifier()).isEqualTo(ALICE.address());
        assertThat(create.getCreateInbox().getNonce()).isEqualTo(1);
        assertThat(create.getCreateInbox().getInitialIdentifierKind()).isEqualTo(IdentifierKind.IDENTIFIER_KIND_ETHEREUM);
        IdentityAction add = update.getActions(1);
        assertThat(add.getAdd().getNewMemberIdentifier().getInstallationPublicKey().toByteArray())
                .isEqualTo(phone.publicKey());
        assertThat(add.getAdd().getExistingMemberSignature())
                .isEqualTo(create.getCreateInbox().getInitialIdentifierSignature());
        assertThat(add.getAdd().getNewMemberSignature().getInstallationKey().getPublicKey().toByteArray())
                .isEqualTo(phone.publicKey());
    }

    @Test
    void lowercasesTheWalletAddress() {
        String mixedCase = "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
        SignatureRequest request = IdentityUpdates.registrationRequest(mixedCase, 1, phone, CLOCK);

        assertThat(request.inboxId()).isEqualTo(InboxId.derive(ALICE.address(), 1));
        assertThat(request.signatureText()).contains("(Owner: " + ALICE.address() + ")");
    }

    @Test
    void refusesASignatureFromAWalletThatIsNotAsked() {
        SignatureRequest request = IdentityUpdates.registrationRequest(ALICE.address(), 1, phone, CLOCK);

        assertThatThrownBy(() -> request.signedBy(BOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recovers to " + BOB.address());
    }

    @Test
    void refusesAnInstallationSignatureOverAnotherText() {
        SignatureRequest request = SignatureRequest.builder("inbox", CLOCK.instant())
                .addInstallation(phone.publicKey(), ALICE.address()).build();

        assertThatThrownBy(() -> request.withInstallationSignature(phone.publicKey(), phone.signIdentityText("other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> request.signedBy(installation(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not (or no longer) need");
    }

    @Test
    void cannotFinishWithoutEverySignature() {
        SignatureRequest request = IdentityUpdates.registrationRequest(ALICE.address(), 1, phone, CLOCK);

        assertThat(request.isComplete()).isFalse();
        assertThatThrownBy(request::toIdentityUpdate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ALICE.address());
        assertThat(request.signedBy(ALICE).isComplete()).isTrue();
    }

    @Test
    void checksItsInputs() {
        SignatureRequest.Builder builder = SignatureRequest.builder("inbox", CLOCK.instant());
        assertThatThrownBy(() -> builder.addInstallation(new byte[31], ALICE.address()))
                .hasMessageContaining("32-byte Ed25519 public key");
        assertThatThrownBy(() -> builder.createInbox("0x1234", 1)).hasMessageContaining("not an Ethereum address");
        assertThatThrownBy(builder::build).hasMessageContaining("at least one action");
    }

    @Test
    void revokesSeveralInstallationsWithOneSignature() throws Exception {
        Ed25519InstallationSigner laptop = installation(2);
        String inboxId = InboxId.derive(ALICE.address(), 1);
        IdentityUpdate revoke = IdentityUpdates.revokeInstallations(inboxId, ALICE,
                List.of(phone.publicKey(), laptop.publicKey()), CLOCK);

        assertThat(revoke.getActionsCount()).isEqualTo(2);
        assertThat(revoke.getActions(0).getRevoke().getRecoveryIdentifierSignature())
                .isEqualTo(revoke.getActions(1).getRevoke().getRecoveryIdentifierSignature());
        assertThat(SignatureText.of(revoke)).contains("- Revoke messaging access from app\n  (ID: "
                + Hex.encode(laptop.publicKey()) + ")\n\nFor more info");
    }

    @Test
    void closedSignersCannotSign() {
        PrivateKeyWalletSigner wallet = PrivateKeyWalletSigner.of(Hex.decode(
                "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        Ed25519InstallationSigner key = installation(9);
        wallet.close();
        key.close();

        assertThat(wallet.address()).isEqualTo(ALICE.address());
        assertThatThrownBy(() -> wallet.signPersonalMessage("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.signIdentityText("x")).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.toString()).doesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478");
    }
}
