package io.socon.messaging.impl.client.net;

import static io.socon.messaging.impl.client.net.TestMessages.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.UploadKeyPackageRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a node cannot be made to do on purpose: a scripted MlsApi on a real gRPC server on a loopback port, to see
 * the client's headers, its paging rule, which statuses it retries, and how it treats an answer of the wrong length.
 */
class NodeConnectionProtocolTest {

    static final ConnectionSettings QUICK = ConnectionSettings.defaults()
            .withRetry(4, new Backoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(50), 0.5));

    final List<Metadata> headers = new CopyOnWriteArrayList<>();
    final List<QueryGroupMessagesRequest> queries = new CopyOnWriteArrayList<>();
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger uploads = new AtomicInteger();
    final List<SubscribeGroupMessagesRequest> subscribes = new CopyOnWriteArrayList<>();

    static GroupMessage message(ByteString groupId, long id) {
        return GroupMessage.newBuilder().setV1(GroupMessage.V1.newBuilder().setId(id).setGroupId(groupId)).build();
    }
    Server server;
    NodeConnection connection;

    /** Answers by script; everything else UNIMPLEMENTED. */
    final class ScriptedNode extends MlsApiGrpc.MlsApiImplBase {
        @Override
        public void fetchKeyPackages(FetchKeyPackagesRequest request, StreamObserver<FetchKeyPackagesResponse> response) {
            // one entry, whatever was asked: a node libxmtp would refuse
            response.onNext(FetchKeyPackagesResponse.newBuilder()
                    .addKeyPackages(FetchKeyPackagesResponse.KeyPackage.getDefaultInstance()).build());
            response.onCompleted();
        }

        @Override
        public void queryGroupMessages(QueryGroupMessagesRequest request, StreamObserver<QueryGroupMessagesResponse> response) {
            queries.add(request);
            long after = request.getPagingInfo().getIdCursor();
            QueryGroupMessagesResponse.Builder page = QueryGroupMessagesResponse.newBuilder();
            for (long id = after + 1; id <= after + 100; id++) {
                page.addMessages(GroupMessage.newBuilder().setV1(GroupMessage.V1.newBuilder().setId(id)
                        .setGroupId(request.getGroupId())));
            }
            // full pages with a cursor twice, then a full page whose cursor is 0: paging must stop there
            long next = queries.size() < 3 ? after + 100 : 0;
            page.setPagingInfo(PagingInfo.newBuilder().setDirection(SortDirection.SORT_DIRECTION_ASCENDING)
                    .setLimit(100).setIdCursor(next));
            response.onNext(page.build());
            response.onCompleted();
        }

        @Override
        public void sendGroupMessages(SendGroupMessagesRequest request, StreamObserver<Empty> response) {
            // INTERNAL twice (a proxy's reset stream looks like this), then fine
            if (sends.incrementAndGet() <= 2) {
                response.onError(Status.INTERNAL.withDescription("stream reset").asRuntimeException());
                return;
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void subscribeGroupMessages(SubscribeGroupMessagesRequest request, StreamObserver<GroupMessage> response) {
            subscribes.add(request);
            ByteString groupId = request.getFilters(0).getGroupId();
            if (groupId.equals(ByteString.copyFrom(group(1)))) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("bad filter").asRuntimeException());
                return;
            }
            // the first subscription gets id 1 and then ends normally; the next ones replay 1 (ignoring the
            // cursor, as a sloppy node might) and add 2, then stay open
            response.onNext(message(groupId, 1));
            if (subscribes.size() == 1) {
                response.onCompleted();
                return;
            }
            response.onNext(message(groupId, 2));
        }

        @Override
        public void uploadKeyPackage(UploadKeyPackageRequest request, StreamObserver<Empty> response) {
            uploads.incrementAndGet();
            response.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("key package has 30000000 bytes, over this node's limit of 26214400")
                    .asRuntimeException());
        }
    }

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor recordHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                    ServerCallHandler<Q, R> next) {
                headers.add(metadata);
                return next.startCall(call, metadata);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new ScriptedNode(), recordHeaders))
                .permitKeepAliveTime(15, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true)
                .build().start();
        connection = NodeConnection.open(URI.create("http://127.0.0.1:" + server.getPort()), QUICK);
    }

    @AfterEach
    void stop() throws InterruptedException {
        connection.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyCallCarriesTheAppVersion() {
        connection.queryGroupMessages(group(1), 0);

        assertThat(headers).isNotEmpty().allSatisfy(h -> {
            assertThat(h.get(NodeConnection.APP_VERSION)).startsWith("socon-messaging/");
            assertThat(h.get(Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER))).startsWith("socon-messaging/");
        });
    }

    @Test
    void pagingFollowsTheNodesCursorAndStopsWhenItIsZero() {
        List<GroupMessage.V1> messages = connection.queryGroupMessages(group(1), 7);

        assertThat(messages).hasSize(300);
        assertThat(queries).extracting(q -> q.getPagingInfo().getIdCursor()).containsExactly(7L, 107L, 207L);
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.getPagingInfo().getDirection()).isEqualTo(SortDirection.SORT_DIRECTION_ASCENDING);
            assertThat(q.getPagingInfo().getLimit()).isEqualTo(100);
            assertThat(q.getGroupId()).isEqualTo(ByteString.copyFrom(group(1)));
        });
    }

    @Test
    void anAnswerOfTheWrongLengthIsAnError() {
        assertThatThrownBy(() -> connection.fetchKeyPackages(List.of(new byte[32], new byte[32])))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("FetchKeyPackages").contains("answered 1 key packages for 2");
                });
    }

    @Test
    void internalErrorsAreRetried() {
        connection.sendGroupMessages(List.of(TestMessages.application(group(1), "x")));

        assertThat(sends.get()).isEqualTo(3);
    }

    @Test
    void aMessageOverTheSizeLimitIsNotRetried() {
        assertThatThrownBy(() -> connection.uploadKeyPackage(new byte[] {1}, true))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_TOO_LARGE);
                });
        assertThat(uploads.get()).isEqualTo(1);
    }

    @Test
    void unimplementedIsNotRetried() {
        assertThatThrownBy(() -> connection.getNewestGroupMessage(List.of(group(1))))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void aStreamTheNodeRefusesFailsForGood() {
        GroupMessageStreamTest.Events events = new GroupMessageStreamTest.Events();
        try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(group(1), 0)), m -> { },
                events)) {
            TestMessages.await("failed", Duration.ofSeconds(10), () -> stream.state() == StreamState.FAILED);
            TestMessages.await("told", Duration.ofSeconds(10), () -> events.failed.size() == 1);
            assertThat(events.failed.get(0).status()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(events.failed.get(0).getMessage()).contains("SubscribeGroupMessages").contains("bad filter");
            NodeConnectionTest.sleep(300);
            assertThat(subscribes).hasSize(1);
            assertThat(stream.reconnects()).isZero();
            assertThat(events.reconnecting).isEmpty();
        }
    }

    @Test
    void aStreamTheNodeEndsIsResubscribedFromTheLastDeliveredId() {
        GroupMessageStreamTest.Events events = new GroupMessageStreamTest.Events();
        List<Long> received = new CopyOnWriteArrayList<>();
        try (GroupMessageStream stream = connection.streamGroupMessages(List.of(new GroupCursor(group(2), 0)),
                m -> received.add(m.getId()), events)) {
            TestMessages.await("both", Duration.ofSeconds(10), () -> received.size() == 2);
            NodeConnectionTest.sleep(200);

            assertThat(received).containsExactly(1L, 2L);
            assertThat(subscribes).extracting(r -> r.getFilters(0).getIdCursor()).containsExactly(0L, 1L);
            assertThat(stream.reconnects()).isEqualTo(1);
            assertThat(events.reconnecting).singleElement()
                    .satisfies(e -> assertThat(e.nodeMessage()).isEqualTo("the node ended the stream"));
            assertThat(stream.engine().duplicatesDropped()).isEqualTo(1);
        }
    }
}
