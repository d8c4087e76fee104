package io.socon.messaging.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java clients talking to each other through a real node on a loopback port, each with its own H2 state:
 * registration, DMs, groups with membership and metadata changes, reactions and replies, restarts.
 */
class XmtpClientTest {

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

    XmtpClient open(String name, Optional<PrivateKeyWalletSigner> wallet) {
        JdbcClientStore store = JdbcClientStore.openH2(dir.resolve(name),
                DataKey.wrappedBy(vault, KeyUri.of("memory://" + name)));
        return XmtpClient.open(XmtpClient.Settings.of(GrpcNodeApi.connect(nodeUri), store, wallet.map(w -> w)));
    }

    @Test
    void twoClientsTalkInADmBothWaysAndReopenWithTheSameInstallation() {
        PrivateKeyWalletSigner aliceWallet = PrivateKeyWalletSigner.generate(random);
        PrivateKeyWalletSigner bobWallet = PrivateKeyWalletSigner.generate(random);
        String aliceInstallation;
        String dmId;
        try (XmtpClient alice = open("alice", Optional.of(aliceWallet));
             XmtpClient bob = open("bob", Optional.of(bobWallet))) {
            aliceInstallation = alice.installationId();
            assertThat(alice.canMessage(List.of(bobWallet.address(), "0x" + "1".repeat(40))))
                    .containsEntry(bobWallet.address(), true).containsEntry("0x" + "1".repeat(40), false);

            ClientConversation dm = alice.findOrCreateDm(bobWallet.address());
            dmId = dm.id();
            assertThat(dm.dm()).isTrue();
            assertThat(dm.peerInboxId()).contains(bob.inboxId());
            assertThat(alice.findOrCreateDm(bob.inboxId()).id()).as("the DM is reused").isEqualTo(dmId);
            ClientMessage hello = alice.send(dmId, Text.of("hello bob"));
            assertThat(hello.published()).isTrue();

            byte[] bobInstallation = HexFormat.of().parseHex(bob.installationId());
            byte[] keyPackageBefore = bob.context().api().fetchKeyPackages(List.of(bobInstallation)).get(0)
                    .orElseThrow();
            bob.syncAll();
            assertThat(bob.conversations()).extracting(ClientConversation::id).containsExactly(dmId);
            assertThat(bob.context().api().fetchKeyPackages(List.of(bobInstallation)).get(0).orElseThrow())
                    .as("bob published a fresh key package after joining").isNotEqualTo(keyPackageBefore);
            assertThat(bob.messages(dmId)).extracting(ClientMessage::content).contains(Text.of("hello bob"));
            ClientMessage received = bob.messages(dmId).stream().filter(m -> m.content().equals(Text.of("hello bob")))
                    .findFirst().orElseThrow();
            assertThat(received.id()).as("both sides compute XMTP's message id").isEqualTo(hello.id());

            bob.send(dmId, Reaction.add(MessageId.of(hello.id()), "👍"));
            bob.send(dmId, Reply.text(MessageId.of(hello.id()), "hi alice"));
            alice.sync(dmId);
            assertThat(alice.messages(dmId)).extracting(ClientMessage::content)
                    .contains(Reaction.add(MessageId.of(hello.id()), "👍"), Reply.text(MessageId.of(hello.id()), "hi alice"));
        }
        try (XmtpClient alice = open("alice", Optional.empty())) {
            assertThat(alice.installationId()).as("no new installation on reopen").isEqualTo(aliceInstallation);
            alice.send(dmId, Text.of("after restart"));
        }
        try (XmtpClient bob = open("bob", Optional.empty())) {
            bob.sync(dmId);
            assertThat(bob.messages(dmId)).extracting(ClientMessage::content).contains(Text.of("after restart"));
        }
    }

    @Test
    void aGroupAddsRemovesAndRenamesAndEveryMemberFollows() {
        try (XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient carol = open("carol", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            ClientConversation group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("team"));
            assertThat(group.superAdmins()).containsExactly(alice.inboxId());
            assertThat(group.memberInboxIds()).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId());
            alice.send(group.id(), Text.of("welcome"));
            bob.syncAll();
            assertThat(bob.conversation(group.id()).orElseThrow().name()).isEqualTo("team");
            bob.send(group.id(), Text.of("thanks"));

            alice.addMembers(group.id(), List.of(carol.inboxId()));
            carol.syncAll();
            carol.send(group.id(), Text.of("carol here"));
            alice.rename(group.id(), "bigger team");
            bob.syncAll();
            assertThat(bob.conversation(group.id()).orElseThrow().name()).isEqualTo("bigger team");
            assertThat(bob.messages(group.id())).extracting(ClientMessage::content).contains(Text.of("carol here"));

            alice.removeMembers(group.id(), List.of(bob.inboxId()));
            bob.syncAll();
            assertThat(bob.conversation(group.id()).orElseThrow().active()).isFalse();
            assertThatThrownBy(() -> bob.send(group.id(), Text.of("still here?")))
                    .isInstanceOf(MessagingException.class)
                    .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
            carol.syncAll();
            assertThat(carol.conversation(group.id()).orElseThrow().memberInboxIds())
                    .containsExactlyInAnyOrder(alice.inboxId(), carol.inboxId());
            assertThat(carol.messages(group.id())).anySatisfy(m -> assertThat(m.groupUpdate()).hasValueSatisfying(
                    u -> assertThat(u.removed()).extracting(Object::toString).containsExactly(bob.inboxId())));
        }
    }

    @Test
    void aStreamDeliversEveryNewMessageOnceAlsoFromConversationsJoinedWhileStreaming() throws Exception {
        try (XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            java.util.concurrent.BlockingQueue<ClientMessage> seen = new java.util.concurrent.LinkedBlockingQueue<>();
            try (AutoCloseable stream = bob.streamAllMessages(seen::add)) {
                ClientConversation dm = alice.findOrCreateDm(bob.inboxId());
                for (int i = 0; i < 5; i++) {
                    alice.send(dm.id(), Text.of("dm " + i));
                }
                ClientConversation group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("g"));
                alice.send(group.id(), Text.of("in the group"));
                bob.syncAll();
                List<String> texts = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (texts.size() < 6 && System.nanoTime() < deadline) {
                    ClientMessage m = seen.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                    if (m != null && m.content() instanceof Text t) {
                        texts.add(t.text());
                    }
                }
                assertThat(texts).containsExactlyInAnyOrder("dm 0", "dm 1", "dm 2", "dm 3", "dm 4", "in the group");
                Thread.sleep(500);
                assertThat(seen.stream().filter(m -> m.content() instanceof Text)).as("nothing twice").isEmpty();
            }
        }
    }

    static List<String> texts(List<ClientMessage> messages) {
        return messages.stream().filter(m -> m.content() instanceof Text).map(m -> ((Text) m.content()).text())
                .toList();
    }

    @Test
    void twoDmsOpenedByBothSidesBeforeSeeingTheOthersAreStitchedIntoOneConversation() {
        try (XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            String aliceDm = alice.findOrCreateDm(bob.inboxId()).id();
            String bobDm = bob.findOrCreateDm(alice.inboxId()).id();
            assertThat(bobDm).as("bob had not seen alice's DM, so there are two").isNotEqualTo(aliceDm);
            alice.send(aliceDm, Text.of("alice 1"));
            bob.send(bobDm, Text.of("bob 1"));
            alice.syncAll();
            bob.syncAll();

            for (XmtpClient c : List.of(alice, bob)) {
                assertThat(c.conversations(true)).as("both DMs are kept").filteredOn(ClientConversation::dm)
                        .extracting(ClientConversation::id).containsExactlyInAnyOrder(aliceDm, bobDm);
                List<ClientConversation> listed = c.conversations();
                assertThat(listed).as("one DM per peer").hasSize(1);
                String shown = listed.get(0).id();
                assertThat(shown).as("the most recently active: bob's, which has the newest message")
                        .isEqualTo(bobDm);
                assertThat(c.conversation(aliceDm)).map(ClientConversation::id).contains(shown);
                assertThat(c.conversation(bobDm)).map(ClientConversation::id).contains(shown);
                assertThat(c.stitchedIds(aliceDm)).containsExactly(shown, aliceDm);
                assertThat(texts(c.messages(aliceDm))).containsExactly("alice 1", "bob 1");
                assertThat(texts(c.messages(shown))).containsExactly("alice 1", "bob 1");
                assertThat(c.consent(aliceDm)).as("the DM alice opened and bob answered is allowed on both sides")
                        .isEqualTo(io.socon.messaging.api.conversation.ConsentState.ALLOWED);
            }

            // alice writes in the DM she holds a handle of: the message goes through the one shown
            ClientMessage sent = alice.send(aliceDm, Text.of("alice 2"));
            assertThat(sent.conversationId()).isEqualTo(bobDm);
            bob.sync(aliceDm);
            assertThat(texts(bob.messages(bobDm))).containsExactly("alice 1", "bob 1", "alice 2");
            assertThat(texts(bob.messages(bobDm, Long.MIN_VALUE, Long.MAX_VALUE, true, 2)))
                    .as("a page over both DMs").containsExactly("alice 2", "bob 1");
            List<ClientMessage> older = bob.messages(bobDm, Long.MIN_VALUE,
                    bob.messages(bobDm, Long.MIN_VALUE, Long.MAX_VALUE, true, 2).get(1).sentAtNs(), true, 10);
            assertThat(texts(older)).containsExactly("alice 1");

            assertThat(bob.unreadCount(aliceDm)).as("alice's messages in both DMs").isEqualTo(2);
            assertThat(bob.unreadCount(bobDm)).isEqualTo(2);
            long newest = bob.messages(bobDm, Long.MIN_VALUE, Long.MAX_VALUE, true, 1).get(0).sentAtNs();
            assertThat(bob.markRead(bobDm, newest)).isTrue();
            assertThat(bob.unreadCount(aliceDm)).isZero();
            assertThat(bob.lastReadNs(aliceDm)).isEqualTo(newest);
            assertThat(alice.findOrCreateDm(bob.inboxId()).id()).as("no third DM").isEqualTo(bobDm);
        }
    }

    @Test
    void aSecondInstallationOfAnInboxReceivesTooAndCanBeRevoked() {
        PrivateKeyWalletSigner wallet = PrivateKeyWalletSigner.generate(random);
        try (XmtpClient phone = open("phone", Optional.of(wallet));
             XmtpClient laptop = open("laptop", Optional.of(wallet));
             XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            assertThat(laptop.inboxId()).isEqualTo(phone.inboxId());
            assertThat(laptop.installationId()).isNotEqualTo(phone.installationId());
            assertThat(bob.inboxState(phone.inboxId()).installationIds())
                    .containsExactly(phone.installationId(), laptop.installationId());

            String dm = bob.findOrCreateDm(wallet.address()).id();
            bob.send(dm, Text.of("to both devices"));
            phone.syncAll();
            laptop.syncAll();
            assertThat(phone.messages(dm)).extracting(ClientMessage::content).contains(Text.of("to both devices"));
            assertThat(laptop.messages(dm)).extracting(ClientMessage::content).contains(Text.of("to both devices"));

            assertThatThrownBy(() -> phone.revokeInstallations(wallet, List.of(phone.installationId())))
                    .isInstanceOf(MessagingException.class).hasMessageContaining("cannot revoke itself");
            InboxState after = phone.revokeInstallations(wallet, List.of(laptop.installationId()));
            assertThat(after.installationIds()).containsExactly(phone.installationId());
            assertThat(bob.inboxState(phone.inboxId()).installationIds()).containsExactly(phone.installationId());
        }
    }

    @Test
    void aCommitThatBreaksTheDmPoliciesIsRefusedByTheOtherMemberAndRefusedLocally() {
        try (XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)));
             XmtpClient carol = open("carol", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            String dm = alice.findOrCreateDm(bob.inboxId()).id();
            bob.syncAll();
            assertThatThrownBy(() -> bob.addMembers(dm, List.of(carol.inboxId())))
                    .isInstanceOf(MessagingException.class)
                    .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);

            // bob's installation goes rogue: it commits an Add of carol into the DM, bypassing its own checks
            ClientContext ctx = bob.context();
            io.socon.messaging.impl.store.client.StoredGroup row = ctx.store()
                    .read(tx -> tx.group(HexFormat.of().parseHex(dm))).orElseThrow();
            io.socon.messaging.impl.mls.group.Group group = io.socon.messaging.impl.mls.group.Group.restore(
                    row.mlsState(), io.socon.messaging.impl.mls.group.GroupKeys.fromBytes(row.mlsKeys()),
                    io.socon.messaging.impl.mls.group.PskStore.NONE, random);
            byte[] carolKeyPackage = ctx.api().fetchKeyPackages(List.of(HexFormat.of()
                    .parseHex(carol.installationId()))).get(0).orElseThrow();
            var rogue = group.commit(List.of(new io.socon.messaging.impl.mls.struct.Proposal.Add(
                    io.socon.messaging.impl.mls.struct.KeyPackage.decode(carolKeyPackage))), true);
            ctx.api().sendGroupMessages(List.of(io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput
                    .newBuilder().setV1(io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput.V1.newBuilder()
                            .setData(com.google.protobuf.ByteString.copyFrom(rogue.commit().toBytes()))
                            .setSenderHmac(com.google.protobuf.ByteString.copyFrom(new byte[32]))).build()));

            alice.sync(dm);
            io.socon.messaging.impl.store.client.StoredGroup atAlice = alice.context().store()
                    .read(tx -> tx.group(HexFormat.of().parseHex(dm))).orElseThrow();
            io.socon.messaging.impl.mls.group.Group aliceGroup = io.socon.messaging.impl.mls.group.Group.restore(
                    atAlice.mlsState(), io.socon.messaging.impl.mls.group.GroupKeys.fromBytes(atAlice.mlsKeys()),
                    io.socon.messaging.impl.mls.group.PskStore.NONE, random);
            assertThat(aliceGroup.members()).as("the rogue add is not applied: alice stays in the old epoch")
                    .hasSize(2);
            assertThat(aliceGroup.epoch()).isEqualTo(group.epoch());
            alice.send(dm, Text.of("still just us"));
        }
    }
}
