package io.socon.messaging.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's additions for the many-user service: registration in two phases (the wallet signs later, as a
 * browser wallet does), read state and unread counts, consent, roles and several metadata fields in one commit.
 * Real node on a loopback port, real H2 stores.
 */
class TwoPhaseRegistrationTest {

    @TempDir
    Path dir;

    JdbcNodeStore nodeStore;
    NodeServer node;
    URI nodeUri;
    InMemoryKeyVault vault = new InMemoryKeyVault();
    SecureRandom random = new SecureRandom();

    @BeforeEach
    void startNode() throws IOException {
        nodeStore = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(0), nodeStore,
                XmtpNodeValidation.create());
        nodeUri = URI.create("http://127.0.0.1:" + node.port());
    }

    @AfterEach
    void stopNode() {
        node.close();
        nodeStore.close();
    }

    XmtpClient.Settings settings(String name, Optional<PrivateKeyWalletSigner> wallet) {
        ClientStore store = JdbcClientStore.openH2(dir.resolve(name), DataKey.wrappedBy(vault,
                KeyUri.of("memory://" + name)));
        return XmtpClient.Settings.of(GrpcNodeApi.connect(nodeUri), store, wallet.map(w -> w));
    }

    static void close(XmtpClient.Settings settings) {
        settings.api().close();
        settings.store().close();
    }

    @Test
    void aWalletThatSignsLaterRegistersANewInboxAndThenASecondInstallation() {
        PrivateKeyWalletSigner wallet = PrivateKeyWalletSigner.generate(random);
        PrivateKeyWalletSigner stranger = PrivateKeyWalletSigner.generate(random);
        XmtpClient.Settings first = settings("first", Optional.empty());
        XmtpClient.PendingRegistration pending = XmtpClient.prepareRegistration(first, wallet.address());
        assertThat(pending.signatureText()).startsWith("XMTP : Authenticate to inbox")
                .contains("Inbox ID: " + pending.inboxId()).contains("- Create inbox")
                .contains(wallet.address()).contains(pending.installationId());
        assertThat(XmtpClient.isRegistered(first.store())).isFalse();
        assertThat(XmtpClient.prepareRegistration(first, wallet.address()).installationId())
                .as("preparing again reuses the stored installation").isEqualTo(pending.installationId());
        assertThatThrownBy(() -> XmtpClient.prepareRegistration(first, stranger.address()))
                .isInstanceOf(MessagingException.class)
                .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.IDENTITY_NOT_AVAILABLE);

        assertThatThrownBy(() -> XmtpClient.completeRegistration(first, pending,
                stranger.signPersonalMessage(pending.signatureText())))
                .isInstanceOf(MessagingException.class)
                .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.WALLET_SIGNATURE_INVALID);
        assertThat(XmtpClient.isRegistered(first.store())).as("nothing published").isFalse();

        try (XmtpClient alice = XmtpClient.completeRegistration(first, pending,
                wallet.signPersonalMessage(pending.signatureText()))) {
            assertThat(alice.inboxId()).isEqualTo(pending.inboxId());
            assertThat(alice.installationId()).isEqualTo(pending.installationId());
            assertThat(XmtpClient.isRegistered(first.store())).isTrue();
            assertThatThrownBy(() -> XmtpClient.prepareRegistration(first, wallet.address()))
                    .isInstanceOf(IllegalStateException.class);

            XmtpClient.Settings second = settings("second", Optional.empty());
            XmtpClient.PendingRegistration more = XmtpClient.prepareRegistration(second, wallet.address());
            assertThat(more.inboxId()).as("the wallet's existing inbox").isEqualTo(alice.inboxId());
            assertThat(more.signatureText()).contains("- Grant messaging access to app").doesNotContain("Create inbox");
            try (XmtpClient again = XmtpClient.completeRegistration(second, more,
                    wallet.signPersonalMessage(more.signatureText()))) {
                assertThat(alice.inboxState(alice.inboxId()).installationIds())
                        .containsExactlyInAnyOrder(alice.installationId(), again.installationId());
            }
        }
    }

    @Test
    void unreadCountsFollowTheReadMarkAndConsentRolesAndMetadataWork() {
        try (XmtpClient alice = XmtpClient.open(settings("alice", Optional.of(PrivateKeyWalletSigner.generate(random))));
             XmtpClient bob = XmtpClient.open(settings("bob", Optional.of(PrivateKeyWalletSigner.generate(random))))) {
            ClientConversation dm = alice.findOrCreateDm(bob.inboxId());
            assertThat(alice.consent(dm.id())).as("created here").isEqualTo(ConsentState.ALLOWED);
            alice.send(dm.id(), Text.of("one"));
            alice.send(dm.id(), Text.of("two"));
            bob.syncAll();
            assertThat(bob.consent(dm.id())).as("added by someone else").isEqualTo(ConsentState.UNKNOWN);
            assertThat(bob.unreadCount(dm.id())).isEqualTo(2);
            assertThat(alice.unreadCount(dm.id())).as("own messages are never unread").isZero();
            List<ClientMessage> newest = bob.messages(dm.id(), Long.MIN_VALUE, Long.MAX_VALUE, true, 1);
            assertThat(newest).extracting(ClientMessage::content).containsExactly(Text.of("two"));
            assertThat(bob.markRead(dm.id(), newest.get(0).sentAtNs())).isTrue();
            assertThat(bob.unreadCount(dm.id())).isZero();

            bob.setConsent(dm.id(), ConsentState.DENIED);
            assertThatThrownBy(() -> bob.send(dm.id(), Text.of("no")))
                    .isInstanceOf(MessagingException.class)
                    .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.CONSENT_DENIED);
            bob.setConsent(dm.id(), ConsentState.UNKNOWN);
            bob.send(dm.id(), Text.of("yes"));
            assertThat(bob.consent(dm.id())).as("replying allows").isEqualTo(ConsentState.ALLOWED);

            ClientConversation group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("g"));
            alice.updateMetadata(group.id(), Map.of(XmtpGroupRules.GROUP_NAME, "team",
                    XmtpGroupRules.DESCRIPTION, "the team", XmtpGroupRules.IMAGE_URL, "https://example.com/t.png"));
            alice.setRole(group.id(), bob.inboxId(), Role.ADMIN);
            bob.syncAll();
            ClientConversation seen = bob.conversation(group.id()).orElseThrow();
            assertThat(seen.name()).isEqualTo("team");
            assertThat(seen.description()).isEqualTo("the team");
            assertThat(seen.imageUrl()).isEqualTo("https://example.com/t.png");
            assertThat(seen.admins()).containsExactly(bob.inboxId());
            assertThat(bob.unreadCount(group.id())).as("membership changes are not unread").isZero();
            long commits = bob.syncCursor(group.id());
            alice.updateMetadata(group.id(), Map.of(XmtpGroupRules.GROUP_NAME, "team"));
            bob.syncAll();
            assertThat(bob.syncCursor(group.id())).as("an unchanged name commits nothing").isEqualTo(commits);
            assertThatThrownBy(() -> bob.setRole(group.id(), bob.inboxId(), Role.SUPER_ADMIN))
                    .isInstanceOf(MessagingException.class)
                    .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        }
    }
}
