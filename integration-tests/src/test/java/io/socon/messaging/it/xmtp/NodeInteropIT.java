package io.socon.messaging.it.xmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real XMTP client (libxmtp through {@code @xmtp/node-sdk} 6.0.0) against our relay node, and nothing
 * else: three users create inboxes, find each other, talk in a DM and a group, stream, page through more
 * than 100 messages, reopen a client from its database and live through a node restart. The steps build
 * on each other and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeInteropIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    Path dir;
    JdbcNodeStore store;
    NodeServer node;
    int port;
    String url;

    XmtpPeer alice;
    XmtpPeer bob;
    XmtpPeer carol;
    PeerIdentity a;
    PeerIdentity b;
    PeerIdentity c;
    PeerConversation dm;
    PeerConversation group;

    @BeforeAll
    void startNode() throws IOException {
        dir = Files.createTempDirectory("socon-interop");
        startNodeOn(0);
        url = "http://127.0.0.1:" + port;
        alice = XmtpPeer.start("interop-alice");
        bob = XmtpPeer.start("interop-bob");
        carol = XmtpPeer.start("interop-carol");
    }

    void startNodeOn(int wantedPort) throws IOException {
        store = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withPort(wantedPort), store, XmtpNodeValidation.create());
        port = node.port();
    }

    void stopNode() {
        node.close();
        store.close();
    }

    @AfterAll
    void stopAll() {
        for (XmtpPeer peer : new XmtpPeer[] {alice, bob, carol}) {
            if (peer != null) {
                peer.close();
            }
        }
        stopNode();
    }

    @Test
    @Order(1)
    void threeUsersCreateInboxesWithAndWithoutDeviceSync() {
        a = alice.create(CreateOptions.forNode(url, dir.resolve("alice.db3")).withLoggingLevel("debug"));
        b = bob.create(CreateOptions.forNode(url, dir.resolve("bob.db3")).withLoggingLevel("debug"));
        c = carol.create(CreateOptions.forNode(url, dir.resolve("carol.db3")).withDeviceSync(true).withLoggingLevel("debug"));

        assertThat(a.inboxId()).hasSize(64).isEqualTo(alice.generateInboxId(a.address()));
        assertThat(b.installationId()).hasSize(64);
        assertThat(alice.inboxIdFor(b.address())).contains(b.inboxId());
        InboxState state = alice.inboxState();
        assertThat(state.installationIds()).containsExactly(a.installationId());
        assertThat(state.addresses()).containsExactly(a.address());
        assertThat(state.recoveryAddress()).isEqualTo(a.address());
    }

    @Test
    @Order(2)
    void canMessageKnowsWhoIsRegistered() {
        String stranger = "0x" + "3".repeat(40);
        Map<String, Boolean> answer = alice.canMessage(List.of(b.address(), c.address(), stranger));

        assertThat(answer).containsEntry(b.address(), true).containsEntry(c.address(), true).containsEntry(stranger, false);
    }

    @Test
    @Order(3)
    void aDmCarriesMessagesBothWays() {
        bob.streamAllMessages();
        dm = alice.newDm(b.inboxId());
        alice.sendText(dm.id(), "hello bob");

        PeerMessage received = bob.awaitMessage(m -> "hello bob".equals(m.text()), WAIT);
        assertThat(received.senderInboxId()).isEqualTo(a.inboxId());

        bob.sendText(received.conversationId(), "hi alice");
        alice.sync(dm.id());
        assertThat(alice.messages(dm.id())).extracting(PeerMessage::text).contains("hello bob", "hi alice");
    }

    @Test
    @Order(4)
    void aGroupOfThreeWhereEveryoneReadsEveryone() {
        group = alice.newGroup(List.of(b.inboxId(), c.inboxId()), "three of us");
        alice.sendText(group.id(), "from alice");
        bob.sync();
        carol.sync();
        bob.sync(group.id());
        carol.sync(group.id());
        bob.sendText(group.id(), "from bob");
        carol.sendText(group.id(), "from carol");

        for (XmtpPeer peer : List.of(alice, bob, carol)) {
            peer.sync(group.id());
            assertThat(peer.messages(group.id())).extracting(PeerMessage::text)
                    .as(peer.name() + " reads everyone").contains("from alice", "from bob", "from carol");
        }
    }

    @Test
    @Order(5)
    void streamsDeliverLiveMessages() {
        carol.streamAllMessages();
        alice.sendText(group.id(), "live to the group");

        assertThat(carol.awaitMessage(m -> "live to the group".equals(m.text()), WAIT).senderInboxId()).isEqualTo(a.inboxId());
        assertThat(bob.awaitMessage(m -> "live to the group".equals(m.text()), WAIT).conversationId()).isEqualTo(group.id());
    }

    @Test
    @Order(6)
    void moreThanAPageOfMessagesReadsBackInOrder() {
        IntStream.range(0, 105).forEach(i -> alice.sendText(dm.id(), "page-" + i));

        bob.sync(dm.id());
        List<String> texts = bob.messages(dm.id()).stream().map(PeerMessage::text)
                .filter(t -> t != null && t.startsWith("page-")).toList();
        assertThat(texts).hasSize(105);
        assertThat(texts).isEqualTo(IntStream.range(0, 105).mapToObj(i -> "page-" + i).toList());
    }

    @Test
    @Order(7)
    void aClientReopensFromItsDatabaseWithTheSameInstallation() {
        carol.close();
        carol = XmtpPeer.start("interop-carol-reopened");
        PeerIdentity reopened = carol.build(CreateOptions.reopen(url, dir.resolve("carol.db3"), c).withLoggingLevel("debug"));

        assertThat(reopened.installationId()).isEqualTo(c.installationId());
        carol.sync(group.id());
        assertThat(carol.messages(group.id())).extracting(PeerMessage::text).contains("from alice", "live to the group");
    }

    @Test
    @Order(8)
    void nothingIsLostWhenTheNodeRestartsBetweenSteps() throws IOException {
        alice.sendText(group.id(), "before the restart");
        stopNode();
        startNodeOn(port);
        alice.sendText(group.id(), "after the restart");

        for (XmtpPeer peer : List.of(bob, carol)) {
            peer.sync(group.id());
            assertThat(peer.messages(group.id())).extracting(PeerMessage::text)
                    .contains("from alice", "before the restart", "after the restart");
        }
    }
}
