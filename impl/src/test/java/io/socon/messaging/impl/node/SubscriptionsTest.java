package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SubscribeGroupMessages and SubscribeWelcomeMessages: headers, replay, the switch to live, flow control. */
class SubscriptionsTest extends RunningNodeTest {

    static final byte[] GROUP = "stream-group-001".getBytes(StandardCharsets.UTF_8);



    void send(byte[] group, String text) {
        node.mls().sendGroupMessages(SendGroupMessagesRequest.newBuilder()
                .addMessages(GroupMessagesTest.input(MlsTestMessages.application(group, text))).build());
    }

    static SubscribeGroupMessagesRequest filter(byte[] group, long cursor) {
        return SubscribeGroupMessagesRequest.newBuilder().addFilters(SubscribeGroupMessagesRequest.Filter.newBuilder()
                .setGroupId(ByteString.copyFrom(group)).setIdCursor(cursor)).build();
    }

    /** Collects a stream's messages; can hold back demand to play a slow reader. */
    static final class Collector<T> implements ClientResponseObserver<Object, T> {
        final List<T> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Status> closed = new CompletableFuture<>();
        final boolean manualFlow;
        volatile ClientCallStreamObserver<Object> call;

        Collector(boolean manualFlow) {
            this.manualFlow = manualFlow;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
            call = requestStream;
            if (manualFlow) {
                requestStream.disableAutoRequestWithInitial(0);
            }
        }

        @Override
        public void onNext(T value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            closed.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            closed.complete(Status.OK);
        }

        void awaitCount(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < count && System.nanoTime() < deadline && !closed.isDone()) {
                Thread.sleep(10);
            }
            assertThat(received).as("messages received").hasSizeGreaterThanOrEqualTo(count);
        }

        void cancel() {
            call.cancel("test done", null);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Collector<GroupMessage> subscribe(SubscribeGroupMessagesRequest request, boolean manualFlow) {
        Collector<GroupMessage> collector = new Collector<>(manualFlow);
        node.mlsAsync().subscribeGroupMessages(request, (ClientResponseObserver) collector);
        return collector;
    }

    static List<Long> ids(List<GroupMessage> messages) {
        return messages.stream().map(m -> m.getV1().getId()).toList();
    }

    @Test
    void headersArriveBeforeAnyMessage() throws Exception {
        CountDownLatch headers = new CountDownLatch(1);
        ClientCall<SubscribeGroupMessagesRequest, GroupMessage> call = node.channel()
                .newCall(MlsApiGrpc.getSubscribeGroupMessagesMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata h) {
                headers.countDown();
            }
        }, new Metadata());
        call.sendMessage(SubscribeGroupMessagesRequest.getDefaultInstance()); // an empty filter list is fine
        call.halfClose();
        call.request(1);

        assertThat(headers.await(5, TimeUnit.SECONDS)).as("headers of an idle stream").isTrue();
        call.cancel("done", null);
    }

    @Test
    void replaysFromTheCursorThenGoesLiveWithNoGapOrDuplicate() throws Exception {
        for (int i = 0; i < 150; i++) {
            send(GROUP, "old-" + i);
        }
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                send(GROUP, "new-" + i);
            }
        });
        Collector<GroupMessage> stream = subscribe(filter(GROUP, 20), false);
        writer.join();

        stream.awaitCount(230);
        Thread.sleep(200);
        List<Long> expected = new ArrayList<>();
        for (long id = 21; id <= 250; id++) {
            expected.add(id);
        }
        assertThat(ids(stream.received)).isEqualTo(expected);
        stream.cancel();
    }

    @Test
    void aResubscribeWithMoreGroupsLosesNothingInTheOverlap() throws Exception {
        byte[] second = "stream-group-002".getBytes(StandardCharsets.UTF_8);
        Collector<GroupMessage> first = subscribe(filter(GROUP, 0), false);
        send(GROUP, "a");
        first.awaitCount(1);

        // As libxmtp does: open the new subscription from the last seen ids, then cancel the old one.
        SubscribeGroupMessagesRequest both = filter(GROUP, ids(first.received).get(0)).toBuilder()
                .addFilters(SubscribeGroupMessagesRequest.Filter.newBuilder().setGroupId(ByteString.copyFrom(second)))
                .build();
        send(GROUP, "b");
        Collector<GroupMessage> replacement = subscribe(both, false);
        first.cancel();
        send(second, "c");
        send(GROUP, "d");

        replacement.awaitCount(3);
        // one topic is in id order; across topics the order is not defined
        assertThat(replacement.received).extracting(m -> m.getV1().getId()).containsExactlyInAnyOrder(2L, 3L, 4L);
        replacement.cancel();
    }

    @Test
    void aSlowReaderCatchesUpFromTheDatabaseWithoutLosingAnything() throws Exception {
        Collector<GroupMessage> slow = subscribe(filter(GROUP, 0), true);
        Thread.sleep(200);
        int total = 1500;
        for (int i = 0; i < total; i += 50) {
            SendGroupMessagesRequest.Builder batch = SendGroupMessagesRequest.newBuilder();
            for (int j = i; j < i + 50; j++) {
                batch.addMessages(GroupMessagesTest.input(MlsTestMessages.application(GROUP, "m" + j)));
            }
            node.mls().sendGroupMessages(batch.build());
        }
        slow.call.request(Integer.MAX_VALUE);

        slow.awaitCount(total);
        Thread.sleep(200);
        assertThat(ids(slow.received)).hasSize(total).isSorted().doesNotHaveDuplicates();
        slow.cancel();
    }

    @Test
    void welcomeSubscriptionsNeedFilters() throws Exception {
        Collector<WelcomeMessage> collector = subscribeWelcomes(SubscribeWelcomeMessagesRequest.getDefaultInstance());

        Status status = collector.closed.get(5, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("no filters");
    }

    @Test
    void welcomesStreamLive() throws Exception {
        byte[] installation = new byte[32];
        installation[0] = 7;
        Collector<WelcomeMessage> collector = subscribeWelcomes(SubscribeWelcomeMessagesRequest.newBuilder()
                .addFilters(SubscribeWelcomeMessagesRequest.Filter.newBuilder().setInstallationKey(ByteString.copyFrom(installation)))
                .build());
        Thread.sleep(100);
        node.mls().sendWelcomeMessages(SendWelcomeMessagesRequest.newBuilder()
                .addMessages(WelcomeMessageInput.newBuilder().setV1(WelcomeMessageInput.V1.newBuilder()
                        .setInstallationKey(ByteString.copyFrom(installation))
                        .setData(ByteString.copyFromUtf8("wrapped welcome"))
                        .setHpkePublicKey(ByteString.copyFromUtf8("hpke"))
                        .setWrapperAlgorithm(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519)))
                .build());

        collector.awaitCount(1);
        assertThat(collector.received.get(0).getV1().getData().toStringUtf8()).isEqualTo("wrapped welcome");
        collector.cancel();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Collector<WelcomeMessage> subscribeWelcomes(SubscribeWelcomeMessagesRequest request) {
        Collector<WelcomeMessage> collector = new Collector<>(false);
        node.mlsAsync().subscribeWelcomeMessages(request, (ClientResponseObserver) collector);
        return collector;
    }

    @Test
    void stoppingTheNodeEndsStreamsSoClientsResubscribe() throws Exception {
        Collector<GroupMessage> stream = subscribe(filter(GROUP, 0), false);
        Thread.sleep(200);
        assertThat(node.node().activeStreams()).isEqualTo(1);

        node.node().close();

        Status status = stream.closed.get(10, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
}
