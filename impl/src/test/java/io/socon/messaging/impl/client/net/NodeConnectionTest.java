package io.socon.messaging.impl.client.net;

import static io.socon.messaging.impl.client.net.TestMessages.application;
import static io.socon.messaging.impl.client.net.TestMessages.group;
import static io.socon.messaging.impl.client.net.TestMessages.installation;
import static io.socon.messaging.impl.client.net.TestMessages.welcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.impl.identity.Ed25519InstallationSigner;
import io.socon.messaging.impl.identity.IdentityUpdates;
import io.socon.messaging.impl.identity.InboxId;
import io.socon.messaging.impl.identity.PrivateKeyWalletSigner;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.xmtp.XmtpKeyPackageBuilder;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unary calls against a real node on a loopback port: paging, typed answers, retries and refusals. */
class NodeConnectionTest {

    static final SecureRandom RANDOM = new SecureRandom();

    /** Patient enough to ride out a node restart (a few seconds), quick enough for a test. */
    static final ConnectionSettings PATIENT = ConnectionSettings.defaults()
            .withRetry(30, new Backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(500), 0.5));

    @TempDir
    Path dir;

    static void sendEach(NodeConnection connection, byte[] groupId, String prefix, int count) {
        for (int i = 0; i < count; i += 50) {
            List<GroupMessageInput> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + 50); j++) {
                batch.add(application(groupId, prefix + j));
            }
            connection.sendGroupMessages(batch);
        }
    }

    static List<Long> ids(List<GroupMessage.V1> messages) {
        return messages.stream().map(GroupMessage.V1::getId).toList();
    }

    @Test
    void queriesPageThroughMoreThanAHundredMessagesInIdOrder() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri())) {
            byte[] g = group(1);
            byte[] other = group(2);
            sendEach(connection, g, "m", 250);
            sendEach(connection, other, "o", 3);

            List<GroupMessage.V1> all = connection.queryGroupMessages(g, 0);
            assertThat(all).hasSize(250);
            assertThat(ids(all)).isSorted().doesNotHaveDuplicates();
            assertThat(all.get(0).getData().toByteArray()).isEqualTo(application(g, "m0").getV1().getData().toByteArray());
            assertThat(all).allSatisfy(m -> assertThat(m.getGroupId().toByteArray()).isEqualTo(g));

            long cursor = all.get(99).getId();
            assertThat(ids(connection.queryGroupMessages(g, cursor))).isEqualTo(ids(all.subList(100, 250)));
            assertThat(connection.queryGroupMessages(g, all.get(249).getId())).isEmpty();
            assertThat(connection.queryGroupMessages(group(3), 0)).isEmpty();

            // exactly 200: the second page is full, the third is empty
            byte[] exact = group(4);
            sendEach(connection, exact, "e", 200);
            assertThat(connection.queryGroupMessages(exact, 0)).hasSize(200);
        }
    }

    @Test
    void welcomesPageToo() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri())) {
            byte[] me = installation(1);
            for (int i = 0; i < 130; i += 10) {
                List<WelcomeMessageInput> batch = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                    batch.add(welcome(me, "welcome " + j));
                }
                connection.sendWelcomeMessages(batch);
            }
            connection.sendWelcomeMessages(List.of(welcome(installation(2), "someone else's")));

            List<WelcomeMessage> welcomes = connection.queryWelcomeMessages(me, 0);
            assertThat(welcomes).hasSize(130);
            assertThat(welcomes).extracting(w -> w.getV1().getData().toStringUtf8()).startsWith("welcome 0", "welcome 1");
            long tenth = welcomes.get(9).getV1().getId();
            assertThat(connection.queryWelcomeMessages(me, tenth)).hasSize(120);
        }
    }

    @Test
    void newestGroupMessageAnswersPerGroupInRequestOrder() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri())) {
            sendEach(connection, group(1), "a", 3);
            sendEach(connection, group(2), "b", 2);
            long newestOfOne = connection.queryGroupMessages(group(1), 0).get(2).getId();

            List<Optional<GroupMessage.V1>> newest = connection.getNewestGroupMessage(List.of(group(1), group(9), group(2)));

            assertThat(newest).hasSize(3);
            assertThat(newest.get(0)).hasValueSatisfying(m -> {
                assertThat(m.getId()).isEqualTo(newestOfOne);
                assertThat(m.getData()).as("libxmtp asks without content").isEmpty();
            });
            assertThat(newest.get(1)).isEmpty();
            assertThat(newest.get(2)).isPresent();
            assertThat(connection.getNewestGroupMessage(List.of())).isEmpty();
        }
    }

    @Test
    void identityAndKeyPackagesRoundTrip() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri())) {
            PrivateKeyWalletSigner wallet = PrivateKeyWalletSigner.generate(RANDOM);
            Ed25519InstallationSigner installation = Ed25519InstallationSigner.generate(RANDOM);
            String inboxId = InboxId.derive(wallet.address(), 1);

            assertThat(connection.getInboxIds(List.of(wallet.address()))).isEmpty();
            connection.publishIdentityUpdate(IdentityUpdates.registration(wallet, 1, installation, Clock.systemUTC()));

            List<GetIdentityUpdatesResponse.Response> updates = connection.getIdentityUpdates(List.of(
                    new InboxCursor(inboxId, 0), new InboxCursor("ab".repeat(32), 0)));
            assertThat(updates).hasSize(2);
            assertThat(updates.get(0).getInboxId()).isEqualTo(inboxId);
            assertThat(updates.get(0).getUpdatesCount()).isEqualTo(1);
            long sequence = updates.get(0).getUpdates(0).getSequenceId();
            assertThat(connection.getIdentityUpdates(List.of(new InboxCursor(inboxId, sequence))).get(0).getUpdatesCount())
                    .isZero();
            String unknown = "0x" + "12".repeat(20);
            Map<String, String> inboxIds = connection.getInboxIds(List.of(wallet.address().toUpperCase(Locale.ROOT)
                    .replace("0X", "0x"), unknown));
            assertThat(inboxIds).containsExactly(Map.entry(wallet.address().toLowerCase(Locale.ROOT), inboxId));

            Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
            byte[] keyPackage = XmtpKeyPackageBuilder.forInbox(inboxId).installationKey(key)
                    .initKey(X25519KeyPair.generate(RANDOM).publicKey())
                    .encryptionKey(X25519KeyPair.generate(RANDOM).publicKey())
                    .build(Clock.systemUTC()).toBytes();
            connection.uploadKeyPackage(keyPackage, true);
            List<Optional<byte[]>> fetched = connection.fetchKeyPackages(List.of(new byte[32], key.publicKey().toByteArray()));
            assertThat(fetched).hasSize(2);
            assertThat(fetched.get(0)).isEmpty();
            assertThat(fetched.get(1)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(keyPackage));
        }
    }

    @Test
    void aRefusedRequestIsNotRetriedAndSaysWhy() {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), PATIENT)) {
            GroupMessageInput garbage = GroupMessageInput.newBuilder().setV1(GroupMessageInput.V1.newBuilder()
                    .setData(ByteString.copyFromUtf8("not an MLS message")).setSenderHmac(ByteString.copyFrom(new byte[32])))
                    .build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> connection.sendGroupMessages(List.of(garbage)))
                    .isInstanceOfSatisfying(NodeException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.method()).isEqualTo("xmtp.mls.api.v1.MlsApi/SendGroupMessages");
                        assertThat(e.nodeMessage()).contains("invalid group message");
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                        assertThat(e.getMessage()).startsWith("INTERNAL: xmtp.mls.api.v1.MlsApi/SendGroupMessages failed with "
                                + "INVALID_ARGUMENT: invalid group message").endsWith("(not retried: the node refused the request)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no back-off waited").isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(() -> connection.sendGroupMessages(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void retriesUntilTheNodeHasStarted() throws Exception {
        try (TestNode node = TestNode.stopped(dir); NodeConnection connection = NodeConnection.open(node.uri(), PATIENT)) {
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                sleep(800);
                node.start();
            });
            long start = System.nanoTime();

            connection.sendGroupMessages(List.of(application(group(1), "sent while the node was starting")));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            later.get();
            assertThat(connection.queryGroupMessages(group(1), 0)).hasSize(1);
        }
    }

    @Test
    void ridesOutANodeRestartOnTheSamePortAndData() throws Exception {
        try (TestNode node = TestNode.start(dir); NodeConnection connection = NodeConnection.open(node.uri(), PATIENT)) {
            sendEach(connection, group(1), "before", 120);
            List<Long> before = ids(connection.queryGroupMessages(group(1), 0));

            node.stop();
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                sleep(500);
                node.start();
            });
            // issued while the node is down: fails fast with UNAVAILABLE, is retried until the node is back
            List<GroupMessage.V1> after = connection.queryGroupMessages(group(1), 0);
            restart.get();

            assertThat(ids(after)).isEqualTo(before);
            connection.sendGroupMessages(List.of(application(group(1), "after")));
            assertThat(connection.queryGroupMessages(group(1), 0)).hasSize(121);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithARetryableException() {
        ConnectionSettings threeQuickAttempts = ConnectionSettings.defaults()
                .withRetry(3, new Backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 0.0));
        try (TestNode node = TestNode.stopped(dir);
                NodeConnection connection = NodeConnection.open(node.uri(), threeQuickAttempts)) {
            assertThatThrownBy(() -> connection.queryGroupMessages(group(1), 0))
                    .isInstanceOfSatisfying(NodeException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.Code.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.attempts()).isEqualTo(3);
                        assertThat(e.code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("QueryGroupMessages failed with UNAVAILABLE")
                                .endsWith("(after 3 attempts)");
                    });
        }
    }

    @Test
    void refusesUrlsThatAreNotHttpOrHttps() {
        assertThatThrownBy(() -> NodeConnection.open(URI.create("grpc://localhost:5556")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> NodeConnection.open(URI.create("localhost:5556")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
