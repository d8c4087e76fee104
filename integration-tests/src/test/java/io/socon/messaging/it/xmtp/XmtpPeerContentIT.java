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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The harness commands that client interoperability tests build on, each against our relay node with two real
 * libxmtp peers: reactions, replies, group name and description, members with permission levels, leaving a
 * group, and the shape in which messages carry reaction and reply content. The steps run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XmtpPeerContentIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    Path dir;
    JdbcNodeStore store;
    NodeServer node;
    XmtpPeer alice;
    XmtpPeer bob;
    PeerIdentity a;
    PeerIdentity b;
    PeerConversation group;
    String helloId;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("socon-peer-content");
        store = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withPort(0), store, XmtpNodeValidation.create());
        String url = "http://127.0.0.1:" + node.port();
        alice = XmtpPeer.start("content-alice");
        bob = XmtpPeer.start("content-bob");
        a = alice.create(CreateOptions.forNode(url, dir.resolve("alice.db3")).withLoggingLevel("debug"));
        b = bob.create(CreateOptions.forNode(url, dir.resolve("bob.db3")).withLoggingLevel("debug"));
    }

    @AfterAll
    void stop() {
        for (XmtpPeer peer : new XmtpPeer[] {alice, bob}) {
            if (peer != null) {
                peer.close();
            }
        }
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(1)
    void membersCarryTheirPermissionLevels() {
        group = alice.newGroup(List.of(b.inboxId()), "before");
        alice.streamAllMessages();
        bob.streamAllMessages();
        helloId = alice.sendText(group.id(), "hello");
        assertThat(bob.awaitMessage(m -> "hello".equals(m.text()), WAIT).id()).isEqualTo(helloId);

        List<PeerMember> members = alice.members(group.id());

        assertThat(members).extracting(PeerMember::inboxId).containsExactlyInAnyOrder(a.inboxId(), b.inboxId());
        assertThat(members).filteredOn(m -> m.inboxId().equals(a.inboxId())).singleElement()
                .satisfies(m -> assertThat(m.permissionLevel()).isEqualTo("superAdmin"))
                .satisfies(m -> assertThat(m.isAdmin()).isTrue());
        assertThat(bob.members(group.id())).filteredOn(m -> m.inboxId().equals(b.inboxId())).singleElement()
                .satisfies(m -> assertThat(m.permissionLevel()).isEqualTo("member"))
                .satisfies(m -> assertThat(m.addresses()).containsExactly(b.address()));
        assertThat(alice.conversation(group.id()).member(b.inboxId())).isPresent();
    }

    @Test
    @Order(2)
    void aReactionArrivesWithItsReferenceActionEmojiAndSchema() {
        String reactionId = bob.sendReaction(group.id(), helloId, "👍");

        PeerMessage streamed = alice.awaitMessage(m -> m.reaction().isPresent(), WAIT);
        assertThat(streamed.id()).isEqualTo(reactionId);
        assertThat(streamed.contentType()).startsWith("xmtp.org/reaction:");
        assertThat(streamed.text()).isNull();
        assertThat(streamed.reaction()).contains(new PeerReaction(helloId, a.inboxId(), "added", "👍", "unicode"));
        assertThat(streamed.reply()).isEmpty();

        alice.sync(group.id());
        PeerMessage hello = message(alice, helloId);
        assertThat(hello.reactions()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(reactionId);
            assertThat(r.senderInboxId()).isEqualTo(b.inboxId());
            assertThat(r.reaction().orElseThrow().content()).isEqualTo("👍");
        });
        // libxmtp lists a reaction only under the message it refers to, not on its own.
        assertThat(alice.messages(group.id())).extracting(PeerMessage::id).doesNotContain(reactionId);
    }

    @Test
    @Order(3)
    void aRemovedReactionSaysSo() {
        String removalId = bob.removeReaction(group.id(), helloId, "👍");

        PeerMessage streamed = alice.awaitMessage(m -> removalId.equals(m.id()), WAIT);
        PeerReaction reaction = streamed.reaction().orElseThrow();
        assertThat(reaction.isRemoved()).isTrue();
        assertThat(reaction.reference()).isEqualTo(helloId);
        assertThat(reaction.content()).isEqualTo("👍");

        String shortcode = bob.sendReaction(group.id(), new PeerReaction(helloId, null, null, ":smile:", "shortcode"));
        assertThat(alice.awaitMessage(m -> shortcode.equals(m.id()), WAIT).reaction().orElseThrow())
                .isEqualTo(new PeerReaction(helloId, a.inboxId(), "added", ":smile:", "shortcode"));
    }

    @Test
    @Order(4)
    void aReplyCarriesItsReferenceAndItsInnerText() {
        String replyId = bob.sendReply(group.id(), helloId, "hello to you");

        PeerMessage streamed = alice.awaitMessage(m -> replyId.equals(m.id()), WAIT);
        assertThat(streamed.contentType()).startsWith("xmtp.org/reply:");
        assertThat(streamed.text()).isNull();
        PeerReply reply = streamed.reply().orElseThrow();
        assertThat(reply.reference()).isEqualTo(helloId);
        assertThat(reply.contentType()).isEqualTo("xmtp.org/text:1.0");
        assertThat(reply.text()).isEqualTo("hello to you");

        alice.sync(group.id());
        PeerReply listed = message(alice, replyId).reply().orElseThrow();
        assertThat(listed.text()).isEqualTo("hello to you");
        assertThat(listed.inReplyTo()).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("hello"));
        assertThat(message(alice, helloId).numReplies()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void groupNameAndDescriptionUpdatesReachTheOtherMember() {
        alice.updateGroupName(group.id(), "after");
        alice.updateGroupDescription(group.id(), "a description");

        bob.sync(group.id());
        PeerConversation seen = bob.conversation(group.id());
        assertThat(seen.name()).isEqualTo("after");
        assertThat(seen.description()).isEqualTo("a description");
    }

    @Test
    @Order(6)
    void aMemberWhoLeavesIsPendingRemovalUntilTheAdminRemovesThem() throws InterruptedException {
        bob.leaveGroup(group.id());

        assertThat(bob.conversation(group.id()).pendingRemoval()).isTrue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> members;
        do {
            Thread.sleep(500);
            alice.sync(group.id());
            members = alice.conversation(group.id()).memberInboxIds();
        } while (members.contains(b.inboxId()) && System.nanoTime() < deadline);
        assertThat(members).as("alice's client commits bob's leave request").containsExactly(a.inboxId());
    }

    private PeerMessage message(XmtpPeer peer, String id) {
        return peer.messages(group.id()).stream().filter(m -> id.equals(m.id()))
                .findFirst().orElseThrow(() -> new AssertionError(peer.name() + " has no message " + id));
    }
}
