package io.socon.messaging.it.xmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.ClientMessage;
import io.socon.messaging.impl.client.XmtpClient;
import io.socon.messaging.impl.client.XmtpGroupRules;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.store.WelcomeRecord;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Our Java client engine and the real XMTP client (libxmtp 1.10 through {@code @xmtp/node-sdk} 6.0.0) in the same
 * conversations, all through our node: DMs opened by either side, a group libxmtp creates with two Java users,
 * a group Java creates and changes, reactions and replies both ways, a Java client restarted mid-conversation,
 * a Java stream of libxmtp's messages, DMs opened by both sides at once, and second installations (a user's
 * laptop) added to and removed from groups by either implementation's membership-update commits. Java wraps its
 * welcomes to libxmtp with X-Wing, as libxmtp does. The steps build on each other and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientInteropIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    Path dir;
    JdbcNodeStore nodeStore;
    NodeServer node;
    String url;
    final InMemoryKeyVault vault = new InMemoryKeyVault();
    final SecureRandom random = new SecureRandom();

    XmtpPeer lena;
    XmtpPeer lars;
    PeerIdentity lenaId;
    PeerIdentity larsId;
    PrivateKeyWalletSigner javaAnnWallet;
    PrivateKeyWalletSigner javaBenWallet;
    XmtpClient ann;
    XmtpClient ben;
    String annLenaDm;
    String javaGroup;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("socon-client-interop");
        nodeStore = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withPort(0), nodeStore, XmtpNodeValidation.create());
        url = "http://127.0.0.1:" + node.port();
        lena = XmtpPeer.start("client-interop-lena");
        lars = XmtpPeer.start("client-interop-lars");
        lenaId = lena.create(CreateOptions.forNode(url, dir.resolve("lena.db3")).withLoggingLevel("debug"));
        larsId = lars.create(CreateOptions.forNode(url, dir.resolve("lars.db3")).withLoggingLevel("debug"));
        javaAnnWallet = PrivateKeyWalletSigner.generate(random);
        javaBenWallet = PrivateKeyWalletSigner.generate(random);
        ann = open("ann", Optional.of(javaAnnWallet));
        ben = open("ben", Optional.of(javaBenWallet));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {ann, ben, lena, lars}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
        node.close();
        nodeStore.close();
    }

    XmtpClient open(String name, Optional<PrivateKeyWalletSigner> wallet) {
        JdbcClientStore store = JdbcClientStore.openH2(dir.resolve(name),
                DataKey.wrappedBy(vault, KeyUri.of("memory://" + name)));
        return XmtpClient.open(XmtpClient.Settings.of(GrpcNodeApi.connect(URI.create(url)), store,
                wallet.map(w -> w)));
    }

    static List<String> texts(List<ClientMessage> messages) {
        return messages.stream().filter(m -> m.content() instanceof Text).map(m -> ((Text) m.content()).text())
                .toList();
    }

    static List<String> peerTexts(List<PeerMessage> messages) {
        return messages.stream().filter(PeerMessage::isText).map(PeerMessage::text).toList();
    }

    /**
     * Checks that the node's newest welcome to a libxmtp installation, which a Java client sent, is wrapped as
     * libxmtp wraps to its own key packages: X-Wing (wrapper_algorithm 2) to the 1216-byte key of extension 0xFF03.
     */
    void assertLastWelcomeIsXWing(PeerIdentity peer) {
        List<WelcomeRecord> welcomes = nodeStore.welcomes(HexFormat.of().parseHex(peer.installationId()),
                PageRequest.ascendingAfter(0, 1000));
        assertThat(welcomes).isNotEmpty();
        WelcomeRecord last = welcomes.getLast();
        assertThat(last.pointer()).isFalse();
        assertThat(last.wrapperAlgorithm()).as("wrapper_algorithm of the welcome to " + peer.inboxId()).isEqualTo(2);
        assertThat(last.hpkePublicKey()).hasSize(1216);
    }

    /** Syncs a Java client until one of its messages in the conversation matches. */
    static ClientMessage awaitJava(XmtpClient client, String conversationId, Predicate<ClientMessage> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            client.syncAll();
            if (client.conversation(conversationId).isPresent()) {
                Optional<ClientMessage> found = client.messages(conversationId).stream().filter(match).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no matching message in " + conversationId + " within " + WAIT);
    }

    /** Syncs a peer until one of its messages in the conversation matches. */
    static PeerMessage awaitPeer(XmtpPeer peer, String conversationId, Predicate<PeerMessage> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            peer.syncAll();
            try {
                Optional<PeerMessage> found = peer.messages(conversationId).stream().filter(match).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (XmtpPeerException e) {
                // the conversation is not there yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(peer.name() + " has no matching message in " + conversationId + " within " + WAIT);
    }

    @Test
    @Order(1)
    void javaOpensADmWithALibxmtpUserAndBothExchangeMessages() throws Exception {
        assertThat(ann.canMessage(List.of(lenaId.address()))).containsEntry(lenaId.address(), true);
        assertThat(lena.canMessage(List.of(javaAnnWallet.address()))).containsEntry(javaAnnWallet.address(), true);

        ClientConversation dm = ann.findOrCreateDm(lenaId.address());
        annLenaDm = dm.id();
        ClientMessage hello = ann.send(annLenaDm, Text.of("hello lena, from java"));

        PeerMessage atLena = awaitPeer(lena, annLenaDm, m -> "hello lena, from java".equals(m.text()));
        assertLastWelcomeIsXWing(lenaId);
        assertThat(atLena.senderInboxId()).isEqualTo(ann.inboxId());
        assertThat(atLena.id()).as("libxmtp computes the same message id").isEqualTo(hello.id());
        assertThat(lena.conversation(annLenaDm).isDm()).isTrue();
        assertThat(lena.conversation(annLenaDm).peerInboxId()).isEqualTo(ann.inboxId());

        lena.sendText(annLenaDm, "hi ann, from libxmtp");
        ClientMessage reply = awaitJava(ann, annLenaDm, m -> m.content().equals(Text.of("hi ann, from libxmtp")));
        assertThat(reply.senderInboxId()).isEqualTo(lenaId.inboxId());
    }

    @Test
    @Order(2)
    void libxmtpOpensADmWithAJavaUser() throws Exception {
        PeerConversation dm = lars.newDm(ben.inboxId());
        lars.sendText(dm.id(), "hello ben, from libxmtp");

        ClientMessage atBen = awaitJava(ben, dm.id(), m -> m.content().equals(Text.of("hello ben, from libxmtp")));
        assertThat(atBen.senderInboxId()).isEqualTo(larsId.inboxId());
        ClientConversation conversation = ben.conversation(dm.id()).orElseThrow();
        assertThat(conversation.dm()).isTrue();
        assertThat(conversation.peerInboxId()).contains(larsId.inboxId());
        assertThat(ben.findOrCreateDm(larsId.inboxId()).id()).as("ben reuses the DM lars opened").isEqualTo(dm.id());

        ben.send(dm.id(), Text.of("hi lars, from java"));
        awaitPeer(lars, dm.id(), m -> "hi lars, from java".equals(m.text()));
    }

    @Test
    @Order(3)
    void libxmtpCreatesAGroupWithTwoJavaUsersAndAnotherLibxmtpUserAndAllReadEachOther() throws Exception {
        PeerConversation group = lena.newGroup(List.of(ann.inboxId(), ben.inboxId(), larsId.inboxId()), "four of us");
        lena.sendText(group.id(), "from lena");
        awaitJava(ann, group.id(), m -> m.content().equals(Text.of("from lena")));
        awaitJava(ben, group.id(), m -> m.content().equals(Text.of("from lena")));
        assertThat(ann.conversation(group.id()).orElseThrow().name()).isEqualTo("four of us");
        assertThat(ann.conversation(group.id()).orElseThrow().memberInboxIds())
                .containsExactlyInAnyOrder(lenaId.inboxId(), larsId.inboxId(), ann.inboxId(), ben.inboxId());

        ann.send(group.id(), Text.of("from ann"));
        ben.send(group.id(), Text.of("from ben"));
        lars.syncAll();
        lars.sendText(group.id(), "from lars");

        List<String> all = List.of("from lena", "from ann", "from ben", "from lars");
        for (XmtpClient java : List.of(ann, ben)) {
            for (String text : all) {
                awaitJava(java, group.id(), m -> m.content().equals(Text.of(text)));
            }
        }
        for (XmtpPeer peer : List.of(lena, lars)) {
            for (String text : all) {
                awaitPeer(peer, group.id(), m -> text.equals(m.text()));
            }
        }
    }

    @Test
    @Order(4)
    void javaCreatesAGroupAddsAndRemovesALibxmtpMemberAndRenamesItAndLibxmtpSeesEachChange() throws Exception {
        ClientConversation group = ann.createGroup(List.of(ben.inboxId()), XmtpGroupRules.NewGroup.named("java made"));
        javaGroup = group.id();
        ann.addMembers(javaGroup, List.of(lenaId.inboxId()));
        ann.send(javaGroup, Text.of("welcome lena"));

        awaitPeer(lena, javaGroup, m -> "welcome lena".equals(m.text()));
        assertLastWelcomeIsXWing(lenaId);
        PeerConversation atLena = lena.conversation(javaGroup);
        assertThat(atLena.name()).isEqualTo("java made");
        assertThat(atLena.memberInboxIds()).containsExactlyInAnyOrder(ann.inboxId(), ben.inboxId(), lenaId.inboxId());
        assertThat(atLena.member(ann.inboxId()).orElseThrow().isSuperAdmin()).isTrue();

        lena.sendText(javaGroup, "thanks ann");
        awaitJava(ann, javaGroup, m -> m.content().equals(Text.of("thanks ann")));

        ann.rename(javaGroup, "java renamed");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"java renamed".equals(lena.conversation(javaGroup).name()) && System.nanoTime() < deadline) {
            lena.sync(javaGroup);
            Thread.sleep(250);
        }
        assertThat(lena.conversation(javaGroup).name()).isEqualTo("java renamed");

        ann.addMembers(javaGroup, List.of(larsId.inboxId()));
        ann.send(javaGroup, Text.of("welcome lars"));
        awaitPeer(lars, javaGroup, m -> "welcome lars".equals(m.text()));
        assertLastWelcomeIsXWing(larsId);

        ann.removeMembers(javaGroup, List.of(lenaId.inboxId()));
        deadline = System.nanoTime() + WAIT.toNanos();
        while (lena.conversation(javaGroup).active() && System.nanoTime() < deadline) {
            lena.sync(javaGroup);
            Thread.sleep(250);
        }
        assertThat(lena.conversation(javaGroup).active()).as("lena sees she was removed").isFalse();
        lars.sync(javaGroup);
        assertThat(lars.conversation(javaGroup).memberInboxIds())
                .containsExactlyInAnyOrder(ann.inboxId(), ben.inboxId(), larsId.inboxId());
    }

    @Test
    @Order(5)
    void reactionsAndRepliesSentByEachSideAreDecodedByTheOther() throws Exception {
        ClientMessage fromAnn = ann.send(annLenaDm, Text.of("react to this"));
        awaitPeer(lena, annLenaDm, m -> fromAnn.id().equals(m.id()));
        lena.sendReaction(annLenaDm, fromAnn.id(), "🎉");
        lena.sendReply(annLenaDm, fromAnn.id(), "replying from libxmtp");

        ClientMessage reacted = awaitJava(ann, annLenaDm, m -> m.content() instanceof Reaction r
                && r.reference().value().equals(fromAnn.id()));
        Reaction reaction = (Reaction) reacted.content();
        assertThat(reaction.emoji()).isEqualTo("🎉");
        assertThat(reaction.action()).isEqualTo(Reaction.Action.ADDED);
        assertThat(reaction.schema()).isEqualTo(Reaction.Schema.UNICODE);
        assertThat(reaction.referenceSender().map(Object::toString)).contains(ann.inboxId());
        ClientMessage reply = awaitJava(ann, annLenaDm, m -> m.content() instanceof Reply r
                && r.content().equals(Text.of("replying from libxmtp")));
        assertThat(((Reply) reply.content()).reference().value()).isEqualTo(fromAnn.id());

        lena.sendText(annLenaDm, "now you react");
        ClientMessage fromLena = awaitJava(ann, annLenaDm, m -> m.content().equals(Text.of("now you react")));
        ann.send(annLenaDm, Reaction.add(MessageId.of(fromLena.id()), "👍"));
        ann.send(annLenaDm, Reply.text(MessageId.of(fromLena.id()), "replying from java"));

        PeerMessage reactedAtLena = awaitPeer(lena, annLenaDm, m -> fromLena.id().equals(m.id()) && !m.reactions().isEmpty());
        PeerReaction peerReaction = reactedAtLena.reactions().get(0).reaction().orElseThrow();
        assertThat(peerReaction.content()).isEqualTo("👍");
        assertThat(peerReaction.reference()).isEqualTo(fromLena.id());
        assertThat(peerReaction.isAdded()).isTrue();
        PeerMessage javaReply = awaitPeer(lena, annLenaDm, m -> m.reply().isPresent()
                && "replying from java".equals(m.reply().get().text()));
        assertThat(javaReply.reply().orElseThrow().reference()).isEqualTo(fromLena.id());
    }

    @Test
    @Order(6)
    void aJavaClientRestartedMidConversationContinues() throws Exception {
        lena.sendText(annLenaDm, "before the restart");
        awaitJava(ann, annLenaDm, m -> m.content().equals(Text.of("before the restart")));
        String installation = ann.installationId();
        ann.close();
        lena.sendText(annLenaDm, "while ann was away");

        ann = open("ann", Optional.empty());
        assertThat(ann.installationId()).isEqualTo(installation);
        awaitJava(ann, annLenaDm, m -> m.content().equals(Text.of("while ann was away")));
        ann.send(annLenaDm, Text.of("back again"));
        awaitPeer(lena, annLenaDm, m -> "back again".equals(m.text()));
        assertThat(texts(ann.messages(annLenaDm))).containsSubsequence("before the restart", "while ann was away",
                "back again");
    }

    @Test
    @Order(7)
    void aJavaClientStreamsMessagesSentByLibxmtp() throws Exception {
        BlockingQueue<ClientMessage> streamed = new LinkedBlockingQueue<>();
        try (AutoCloseable stream = ben.streamAllMessages(streamed::add)) {
            lars.syncAll();
            lars.sendText(javaGroup, "streamed 1");
            PeerConversation dm = lars.newDm(ben.inboxId());
            lars.sendText(dm.id(), "streamed 2");
            PeerConversation fresh = lena.newGroup(List.of(ben.inboxId()), "new while streaming");
            lena.sendText(fresh.id(), "streamed 3");

            List<String> got = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got.size() < 3 && System.nanoTime() < deadline) {
                ClientMessage m = streamed.poll(1, TimeUnit.SECONDS);
                if (m != null && m.content() instanceof Text t && t.text().startsWith("streamed")) {
                    got.add(t.text());
                }
            }
            assertThat(got).containsExactlyInAnyOrder("streamed 1", "streamed 2", "streamed 3");
        }
        assertThat(peerTexts(lars.messages(javaGroup))).contains("streamed 1");
    }

    /** The DMs a peer lists with one inbox. */
    static List<PeerConversation> peerDmsWith(XmtpPeer peer, String inboxId) {
        return peer.listConversations().stream().filter(c -> c.isDm() && inboxId.equals(c.peerInboxId())).toList();
    }

    @Test
    @Order(8)
    void aDmOpenedByBothSidesBeforeSeeingTheOthersIsOneConversationOnBothSides() throws Exception {
        try (XmtpClient cy = open("cy", Optional.of(PrivateKeyWalletSigner.generate(random)))) {
            // lena opens a DM with cy; cy, not having synced, opens his own: two DMs between the same inboxes
            PeerConversation lenasOwn = lena.newDm(cy.inboxId());
            String cysOwn = cy.findOrCreateDm(lenaId.inboxId()).id();
            assertThat(cysOwn).isNotEqualTo(lenasOwn.id());
            lena.sendText(lenasOwn.id(), "lena 1");
            cy.send(cysOwn, Text.of("cy 1"));

            awaitJava(cy, cysOwn, m -> m.content().equals(Text.of("lena 1")));
            awaitPeer(lena, lenasOwn.id(), m -> "cy 1".equals(m.text()));

            assertThat(cy.conversations(true)).filteredOn(ClientConversation::dm)
                    .extracting(ClientConversation::id).containsExactlyInAnyOrder(cysOwn, lenasOwn.id());
            List<ClientConversation> javaListed = cy.conversations().stream().filter(ClientConversation::dm).toList();
            assertThat(javaListed).as("Java lists one DM with lena").hasSize(1);
            String javaShown = javaListed.get(0).id();
            assertThat(cy.conversation(lenasOwn.id()).orElseThrow().id()).isEqualTo(javaShown);
            assertThat(texts(cy.messages(javaShown))).containsExactly("lena 1", "cy 1");

            List<PeerConversation> peerListed = peerDmsWith(lena, cy.inboxId());
            assertThat(peerListed).as("libxmtp lists one DM with cy").hasSize(1);
            String peerShown = peerListed.get(0).id();
            assertThat(peerShown).isIn(cysOwn, lenasOwn.id());
            assertThat(lena.conversation(cysOwn).id()).as("libxmtp finds the DM shown by the other id")
                    .isEqualTo(peerShown);
            assertThat(peerTexts(lena.messages(peerShown))).containsExactly("lena 1", "cy 1");

            // each writes through the DM it shows; both see every message in one conversation
            cy.send(javaShown, Text.of("cy 2"));
            awaitPeer(lena, peerShown, m -> "cy 2".equals(m.text()));
            lena.sendText(peerShown, "lena 2");
            awaitJava(cy, javaShown, m -> m.content().equals(Text.of("lena 2")));
            assertThat(texts(cy.messages(cy.conversations().stream().filter(ClientConversation::dm)
                    .findFirst().orElseThrow().id()))).containsExactly("lena 1", "cy 1", "cy 2", "lena 2");
            assertThat(peerTexts(lena.messages(peerDmsWith(lena, cy.inboxId()).get(0).id())))
                    .containsExactly("lena 1", "cy 1", "cy 2", "lena 2");
            assertThat(cy.conversations().stream().filter(ClientConversation::dm).map(ClientConversation::id))
                    .as("both show the DM of the newest message").containsExactly(peerDmsWith(lena, cy.inboxId())
                            .get(0).id());
        }
    }

    /** Syncs a peer until it sees that it is no longer a member of the conversation. */
    static void awaitPeerRemoved(XmtpPeer peer, String conversationId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (peer.conversation(conversationId).active() && System.nanoTime() < deadline) {
            peer.sync(conversationId);
            Thread.sleep(250);
        }
        assertThat(peer.conversation(conversationId).active()).as(peer.name() + " sees it was removed").isFalse();
    }

    @Test
    @Order(9)
    void aLibxmtpUsersNewInstallationIsAddedByAJavaSendAndItsRevocationByAJavaCommit() throws Exception {
        String group = ann.createGroup(List.of(larsId.inboxId(), ben.inboxId()),
                XmtpGroupRules.NewGroup.named("lars's devices")).id();
        try (XmtpPeer larsLaptop = XmtpPeer.start("client-interop-lars-laptop")) {
            // the same wallet on a second libxmtp client: a second installation of lars's inbox
            PeerIdentity laptopId = larsLaptop.create(CreateOptions.forNode(url, dir.resolve("lars-laptop.db3"))
                    .withWalletKey(larsId.walletKey()).withLoggingLevel("debug"));
            assertThat(laptopId.inboxId()).isEqualTo(larsId.inboxId());
            assertThat(laptopId.installationId()).isNotEqualTo(larsId.installationId());

            // ann's first send in the group checks the members' installations and adds the laptop
            ann.send(group, Text.of("to both of lars's devices"));
            awaitPeer(larsLaptop, group, m -> "to both of lars's devices".equals(m.text()));
            assertLastWelcomeIsXWing(laptopId);
            awaitPeer(lars, group, m -> "to both of lars's devices".equals(m.text()));
            assertThat(lars.members(group)).filteredOn(m -> m.inboxId().equals(larsId.inboxId())).singleElement()
                    .satisfies(m -> assertThat(m.installationIds()).as("libxmtp took ann's commit")
                            .containsExactlyInAnyOrder(larsId.installationId(), laptopId.installationId()));

            larsLaptop.sendText(group, "from lars's laptop");
            awaitJava(ann, group, m -> m.content().equals(Text.of("from lars's laptop")));
            awaitJava(ben, group, m -> m.content().equals(Text.of("from lars's laptop")));
            awaitPeer(lars, group, m -> "from lars's laptop".equals(m.text()));

            // lars revokes the laptop; ann's commit removes it, libxmtp accepts that too
            lars.revokeInstallations(List.of(laptopId.installationId()));
            assertThat(ann.updateInstallations(group)).isTrue();
            ann.send(group, Text.of("after revoking the laptop"));
            awaitPeer(lars, group, m -> "after revoking the laptop".equals(m.text()));
            awaitJava(ben, group, m -> m.content().equals(Text.of("after revoking the laptop")));
            awaitPeerRemoved(larsLaptop, group);
            assertThat(peerTexts(larsLaptop.messages(group))).doesNotContain("after revoking the laptop");
        }
    }

    @Test
    @Order(10)
    void libxmtpAddsAJavaUsersNewInstallationAndRemovesItAfterItsRevocationAndJavaAcceptsBothCommits()
            throws Exception {
        PeerConversation group = lena.newGroup(List.of(ben.inboxId()), "ben's devices");
        try (XmtpClient benLaptop = open("ben-laptop", Optional.of(javaBenWallet))) {
            assertThat(benLaptop.inboxId()).isEqualTo(ben.inboxId());

            // libxmtp's first send in the group checks the members' installations and adds the laptop
            lena.sendText(group.id(), "to both of ben's devices");
            awaitJava(ben, group.id(), m -> m.content().equals(Text.of("to both of ben's devices")));
            awaitJava(benLaptop, group.id(), m -> m.content().equals(Text.of("to both of ben's devices")));
            assertThat(lena.members(group.id())).filteredOn(m -> m.inboxId().equals(ben.inboxId())).singleElement()
                    .satisfies(m -> assertThat(m.installationIds())
                            .containsExactlyInAnyOrder(ben.installationId(), benLaptop.installationId()));

            benLaptop.send(group.id(), Text.of("from ben's laptop"));
            awaitPeer(lena, group.id(), m -> "from ben's laptop".equals(m.text()));
            awaitJava(ben, group.id(), m -> m.content().equals(Text.of("from ben's laptop")));

            // ben revokes the laptop; libxmtp's next send more than 5 s after its last check removes it
            ben.revokeInstallations(javaBenWallet, List.of(benLaptop.installationId()));
            Thread.sleep(5_500);
            lena.sendText(group.id(), "after revoking ben's laptop");
            awaitJava(ben, group.id(), m -> m.content().equals(Text.of("after revoking ben's laptop")));
            assertThat(lena.members(group.id())).filteredOn(m -> m.inboxId().equals(ben.inboxId())).singleElement()
                    .satisfies(m -> assertThat(m.installationIds()).containsExactly(ben.installationId()));
            benLaptop.syncAll();
            assertThat(benLaptop.conversation(group.id()).orElseThrow().active()).isFalse();
            assertThat(texts(benLaptop.messages(group.id()))).doesNotContain("after revoking ben's laptop");
        }
    }
}
