package io.socon.messaging.impl.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.GroupKeys;
import io.socon.messaging.impl.mls.group.PskStore;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.client.StoredGroup;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups follow their members' identities, as libxmtp 1.10 keeps them ({@code maybe_update_installations}): an
 * installation a member inbox adds after the group exists is added and welcomed by the next send that comes more
 * than 5 s after the last check (or by {@code updateInstallations}), a revoked one is removed. Real clients on a
 * real node on a loopback port, each with its own H2 state.
 */
class MemberInstallationsTest {

    /** A clock that only moves when told to. */
    static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

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

    XmtpClient open(String name, PrivateKeyWalletSigner wallet, Clock clock) {
        JdbcClientStore store = JdbcClientStore.openH2(dir.resolve(name),
                DataKey.wrappedBy(vault, KeyUri.of("memory://" + name)));
        XmtpClient.Settings defaults = XmtpClient.Settings.of(GrpcNodeApi.connect(nodeUri), store, Optional.of(wallet));
        return XmtpClient.open(new XmtpClient.Settings(defaults.api(), store, defaults.wallet(), defaults.codecs(),
                random, clock));
    }

    XmtpClient open(String name, PrivateKeyWalletSigner wallet) {
        return open(name, wallet, Clock.systemUTC());
    }

    /** The installations in the client's tree of the group, as hex ids. */
    static List<String> treeOf(XmtpClient client, String conversationId) {
        StoredGroup row = client.context().store().read(tx -> tx.group(HexFormat.of().parseHex(conversationId)))
                .orElseThrow();
        Group group = Group.restore(row.mlsState(), GroupKeys.fromBytes(row.mlsKeys()), PskStore.NONE,
                new SecureRandom());
        return group.members().values().stream().map(l -> l.signatureKey().toHex()).sorted().toList();
    }

    static List<Object> contents(XmtpClient client, String conversationId) {
        return client.messages(conversationId).stream().map(m -> (Object) m.content()).toList();
    }

    @Test
    void aSendAfterTheIntervalWelcomesAMembersNewInstallationAndRemovesARevokedOne() {
        SteppedClock aliceClock = new SteppedClock();
        PrivateKeyWalletSigner bobWallet = PrivateKeyWalletSigner.generate(random);
        try (XmtpClient alice = open("alice", PrivateKeyWalletSigner.generate(random), aliceClock);
             XmtpClient bob = open("bob", bobWallet)) {
            String group = alice.createGroup(List.of(bob.inboxId()), XmtpGroupRules.NewGroup.named("team")).id();
            alice.send(group, Text.of("before the laptop"));

            try (XmtpClient laptop = open("bob-laptop", bobWallet)) {
                assertThat(laptop.inboxId()).isEqualTo(bob.inboxId());
                aliceClock.advance(Duration.ofSeconds(1));
                alice.send(group, Text.of("too soon"));
                assertThat(treeOf(alice, group)).as("within 5 s of the last check nothing is checked")
                        .doesNotContain(laptop.installationId());
                laptop.syncAll();
                assertThat(laptop.conversations()).isEmpty();

                aliceClock.advance(Duration.ofSeconds(5));
                alice.send(group, Text.of("hello both devices"));
                assertThat(treeOf(alice, group)).contains(laptop.installationId());
                laptop.syncAll();
                assertThat(laptop.conversations()).extracting(ClientConversation::id).containsExactly(group);
                assertThat(contents(laptop, group)).contains(Text.of("hello both devices"))
                        .doesNotContain(Text.of("too soon"));
                bob.syncAll();
                assertThat(treeOf(bob, group)).as("bob accepted alice's commit").isEqualTo(treeOf(alice, group));
                assertThat(contents(bob, group)).contains(Text.of("hello both devices"));
                laptop.send(group, Text.of("from the laptop"));
                alice.sync(group);
                assertThat(contents(alice, group)).contains(Text.of("from the laptop"));

                bob.revokeInstallations(bobWallet, List.of(laptop.installationId()));
                assertThat(laptop.updateInstallations(group)).as("a revoked installation leaves its removal to others")
                        .isFalse();
                aliceClock.advance(Duration.ofSeconds(6));
                alice.send(group, Text.of("after the revocation"));
                assertThat(treeOf(alice, group)).doesNotContain(laptop.installationId());
                laptop.syncAll();
                assertThat(laptop.conversation(group).orElseThrow().active()).isFalse();
                assertThat(contents(laptop, group)).doesNotContain(Text.of("after the revocation"));
                bob.syncAll();
                assertThat(treeOf(bob, group)).isEqualTo(treeOf(alice, group));
                assertThat(contents(bob, group)).contains(Text.of("after the revocation"));
            }
        }
    }

    @Test
    void anyMemberMayBringTheGroupInStepAndADmFollowsItsMembersToo() {
        PrivateKeyWalletSigner bobWallet = PrivateKeyWalletSigner.generate(random);
        try (XmtpClient alice = open("alice", PrivateKeyWalletSigner.generate(random));
             XmtpClient bob = open("bob", bobWallet)) {
            String group = alice.createGroup(List.of(bob.inboxId()), new XmtpGroupRules.NewGroup("admins only", "",
                    "", true)).id();
            String dm = alice.findOrCreateDm(bob.inboxId()).id();
            bob.syncAll();
            assertThat(bob.updateInstallations(group)).as("nothing to do").isFalse();

            try (XmtpClient laptop = open("bob-laptop", bobWallet)) {
                // bob is no admin of this group, and a DM's policies deny adding members: neither is needed
                assertThat(bob.updateInstallations(group)).isTrue();
                assertThat(bob.updateInstallations(dm)).isTrue();
                laptop.syncAll();
                assertThat(laptop.conversations()).extracting(ClientConversation::id)
                        .containsExactlyInAnyOrder(group, dm);
                alice.send(group, Text.of("to the group"));
                alice.send(dm, Text.of("to the dm"));
                assertThat(treeOf(alice, group)).contains(laptop.installationId()).isEqualTo(treeOf(bob, group));
                laptop.syncAll();
                assertThat(contents(laptop, group)).contains(Text.of("to the group"));
                assertThat(contents(laptop, dm)).contains(Text.of("to the dm"));
            }
        }
    }
}
