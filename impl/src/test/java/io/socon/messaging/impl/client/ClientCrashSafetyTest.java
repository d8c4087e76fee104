package io.socon.messaging.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that dies at the worst moments (right before or right after a message or commit reaches the node)
 * and is opened again on its stored state: nothing is lost, nothing doubled, and the group goes on. A death is a
 * {@link Killed} thrown by the node connection; the client is then abandoned and a new one opened on its store.
 */
class ClientCrashSafetyTest {

    /** What a process death looks like from inside. */
    static final class Killed extends RuntimeException {
        Killed(String where) {
            super("killed " + where);
        }
    }

    /** A node connection that dies once, before or after the next SendGroupMessages. */
    static final class DyingApi implements NodeApi {
        final NodeApi real;
        volatile boolean dieBeforeSend;
        volatile boolean dieAfterSend;

        DyingApi(NodeApi real) {
            this.real = real;
        }

        @Override
        public void sendGroupMessages(List<GroupMessageInput> messages) {
            if (dieBeforeSend) {
                dieBeforeSend = false;
                throw new Killed("before the send reached the node");
            }
            real.sendGroupMessages(messages);
            if (dieAfterSend) {
                dieAfterSend = false;
                throw new Killed("after the node stored the send");
            }
        }

        @Override
        public void uploadKeyPackage(byte[] keyPackage) {
            real.uploadKeyPackage(keyPackage);
        }

        @Override
        public List<Optional<byte[]>> fetchKeyPackages(List<byte[]> installationKeys) {
            return real.fetchKeyPackages(installationKeys);
        }

        @Override
        public void sendWelcomeMessages(List<WelcomeMessageInput> welcomes) {
            real.sendWelcomeMessages(welcomes);
        }

        @Override
        public List<GroupMessage.V1> queryGroupMessages(byte[] groupId, long afterId) {
            return real.queryGroupMessages(groupId, afterId);
        }

        @Override
        public List<WelcomeMessage.V1> queryWelcomeMessages(byte[] installationKey, long afterId) {
            return real.queryWelcomeMessages(installationKey, afterId);
        }

        @Override
        public void publishIdentityUpdate(IdentityUpdate update) {
            real.publishIdentityUpdate(update);
        }

        @Override
        public Map<String, List<SequencedUpdate>> identityUpdates(Map<String, Long> afterSequenceIds) {
            return real.identityUpdates(afterSequenceIds);
        }

        @Override
        public Map<String, Optional<String>> inboxIds(List<String> addresses) {
            return real.inboxIds(addresses);
        }

        @Override
        public GroupSubscription subscribeGroupMessages(Map<io.socon.messaging.impl.mls.codec.Bytes, Long> cursors,
                                                        Consumer<GroupMessage.V1> consumer) {
            return real.subscribeGroupMessages(cursors, consumer);
        }

        @Override
        public WelcomeSubscription subscribeWelcomes(byte[] installationKey, long afterId,
                                                     Consumer<WelcomeMessage.V1> consumer) {
            return real.subscribeWelcomes(installationKey, afterId, consumer);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @TempDir
    Path dir;

    JdbcNodeStore nodeStore;
    NodeServer node;
    URI nodeUri;
    final InMemoryKeyVault vault = new InMemoryKeyVault();
    final SecureRandom random = new SecureRandom();
    DyingApi aliceApi;

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

    XmtpClient open(String name, Optional<PrivateKeyWalletSigner> wallet, boolean dying) {
        JdbcClientStore store = JdbcClientStore.openH2(dir.resolve(name),
                DataKey.wrappedBy(vault, KeyUri.of("memory://" + name)));
        NodeApi api = GrpcNodeApi.connect(nodeUri);
        if (dying) {
            aliceApi = new DyingApi(api);
            api = aliceApi;
        }
        return XmtpClient.open(XmtpClient.Settings.of(api, store, wallet.map(w -> w)));
    }

    static List<ClientMessage> texts(XmtpClient client, String conversationId) {
        return client.messages(conversationId).stream().filter(m -> m.content() instanceof Text).toList();
    }

    static long count(XmtpClient client, String conversationId, String text) {
        return client.messages(conversationId).stream().filter(m -> m.content().equals(Text.of(text))).count();
    }

    @Test
    void aMessageWhoseSendDiedBeforeReachingTheNodeIsSentOnceAfterTheRestart() {
        XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)), true);
        try (XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)), false)) {
            String dm = alice.findOrCreateDm(bob.inboxId()).id();
            aliceApi.dieBeforeSend = true;
            assertThatThrownBy(() -> alice.send(dm, Text.of("lost in flight?"))).isInstanceOf(Killed.class);
            alice.close();

            try (XmtpClient again = open("alice", Optional.empty(), false)) {
                assertThat(texts(again, dm)).singleElement().satisfies(m -> assertThat(m.published()).isFalse());
                again.sync(dm);
                assertThat(texts(again, dm)).singleElement().satisfies(m -> assertThat(m.published()).isTrue());
                again.sync(dm);
                assertThat(count(again, dm, "lost in flight?")).isEqualTo(1);
            }
            bob.syncAll();
            assertThat(count(bob, dm, "lost in flight?")).isEqualTo(1);
        }
    }

    @Test
    void aMessageWhoseSenderDiedRightAfterTheNodeStoredItIsNeitherLostNorDoubled() {
        XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)), true);
        try (XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)), false)) {
            String dm = alice.findOrCreateDm(bob.inboxId()).id();
            aliceApi.dieAfterSend = true;
            assertThatThrownBy(() -> alice.send(dm, Text.of("stored, then died"))).isInstanceOf(Killed.class);
            alice.close();

            try (XmtpClient again = open("alice", Optional.empty(), false)) {
                again.sync(dm);
                assertThat(texts(again, dm)).singleElement().satisfies(m -> assertThat(m.published()).isTrue());
                again.send(dm, Text.of("and on"));
            }
            bob.syncAll();
            assertThat(count(bob, dm, "stored, then died")).isEqualTo(1);
            assertThat(count(bob, dm, "and on")).isEqualTo(1);
            assertThat(node.port()).isPositive();
            assertThat(nodeStore.groupMessages(io.socon.messaging.impl.mls.codec.Bytes.fromHex(dm).toByteArray(),
                    io.socon.messaging.impl.store.PageRequest.ascendingAfter(0, 100)))
                    .as("the message was not sent twice").hasSize(3);
        }
    }

    @Test
    void aCommitWhoseSenderDiedRightAfterTheNodeStoredItIsAdoptedAndItsWelcomesGoOut() {
        XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)), true);
        try (XmtpClient bob = open("bob", Optional.of(PrivateKeyWalletSigner.generate(random)), false);
             XmtpClient carol = open("carol", Optional.of(PrivateKeyWalletSigner.generate(random)), false)) {
            String group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("g")).id();
            aliceApi.dieAfterSend = true;
            assertThatThrownBy(() -> alice.addMembers(group, List.of(carol.inboxId()))).isInstanceOf(Killed.class);
            alice.close();

            try (XmtpClient again = open("alice", Optional.empty(), false)) {
                again.syncAll();
                assertThat(again.conversation(group).orElseThrow().memberInboxIds()).contains(carol.inboxId());
                again.send(group, Text.of("after the crash"));
            }
            carol.syncAll();
            bob.syncAll();
            assertThat(count(carol, group, "after the crash")).as("carol got her welcome").isEqualTo(1);
            assertThat(count(bob, group, "after the crash")).isEqualTo(1);
        }
    }

    @Test
    void anInstallationRefreshWhoseSenderDiedAfterTheNodeStoredItIsAdoptedAndWelcomesTheNewInstallation() {
        XmtpClient alice = open("alice", Optional.of(PrivateKeyWalletSigner.generate(random)), true);
        PrivateKeyWalletSigner bobWallet = PrivateKeyWalletSigner.generate(random);
        try (XmtpClient bob = open("bob", Optional.of(bobWallet), false)) {
            String group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("g")).id();
            try (XmtpClient laptop = open("bob-laptop", Optional.of(bobWallet), false)) {
                aliceApi.dieAfterSend = true;
                assertThatThrownBy(() -> alice.updateInstallations(group)).isInstanceOf(Killed.class);
                alice.close();

                try (XmtpClient again = open("alice", Optional.empty(), false)) {
                    again.syncAll();
                    assertThat(again.updateInstallations(group)).as("the stored commit was adopted").isFalse();
                    again.send(group, Text.of("after the crash"));
                }
                laptop.syncAll();
                bob.syncAll();
                assertThat(count(laptop, group, "after the crash")).as("the laptop got its welcome").isEqualTo(1);
                assertThat(count(bob, group, "after the crash")).isEqualTo(1);
            }
        }
    }
}
