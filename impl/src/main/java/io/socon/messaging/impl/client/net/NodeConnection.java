package io.socon.messaging.impl.client.net;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.socon.messaging.impl.netty.EventLoops;
import io.socon.messaging.impl.netty.OwnedEventLoopGroup;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsResponse;
import io.socon.messaging.impl.wire.identity.api.v1.IdentityApiGrpc;
import io.socon.messaging.impl.wire.identity.api.v1.PublishIdentityUpdateRequest;
import io.socon.messaging.impl.wire.identity.associations.IdentifierKind;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.KeyPackageUpload;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.UploadKeyPackageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client's connection to one XMTP V3 node: the unary calls libxmtp makes, typed, with retries on transient
 * failures, and the two subscriptions as self-healing streams.
 *
 * <p>The transport matches libxmtp's: HTTP/2 in plaintext for {@code http://} and TLS for {@code https://} (the
 * system trust store, or {@link ConnectionSettings#trustedCertificates}), a keep-alive ping every 16 s even
 * without calls (XMTP nodes allow one every 15 s), answers up to 25 MiB, and {@code x-app-version:
 * socon-messaging/<version>} on every call.
 *
 * <p><b>Unary calls</b> block the calling thread (use virtual threads). Each attempt has its own deadline; a
 * transient failure (see {@link StatusPolicy}) is tried again after an exponential back-off with jitter, up to
 * {@link ConnectionSettings#maxAttempts} attempts; what still fails becomes a {@link NodeException}. Queries page
 * as libxmtp does: ascending, 100 at a time, until a page is short or its cursor is 0.
 *
 * <p>Thread-safe. {@link #close} closes the streams opened through it and the channel.
 *
 * <p>The connection owns its threads: one Netty event loop of its own (a daemon thread named
 * {@code socon-node-connection-<host>:<port>-1}), never gRPC's shared groups, and virtual threads for the channel's
 * callbacks and name resolution. {@link #close} returns once they have ended (bounded).
 */
public final class NodeConnection implements AutoCloseable {

    /** libxmtp's {@code GRPC_PAYLOAD_LIMIT}: the largest answer accepted. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 25 * 1024 * 1024;
    /** libxmtp pings every 16 s; xmtp-node-go and our node allow one every 15 s. */
    public static final Duration KEEPALIVE_TIME = Duration.ofSeconds(16);
    static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);
    /** The page size of every query, and the node's maximum. */
    static final int PAGE_SIZE = 100;
    /** How long {@link #close} waits for the callback threads and the event loop once the channel has terminated. */
    static final Duration THREADS_GRACE = Duration.ofSeconds(5);

    static final Metadata.Key<String> APP_VERSION = Metadata.Key.of("x-app-version", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TRUSTED_CLIENT = Metadata.Key.of("x-socon-trusted-client",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = System.getLogger(NodeConnection.class.getName());

    private final URI node;
    private final ConnectionSettings settings;
    private final ManagedChannel managedChannel;
    private final OwnedEventLoopGroup eventLoop;
    private final ExecutorService callbacks;
    private final Channel channel;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Resubscriber<?, ?>> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private NodeConnection(URI node, ConnectionSettings settings, ManagedChannel managedChannel, OwnedEventLoopGroup eventLoop,
            ExecutorService callbacks) {
        this.node = node;
        this.settings = settings;
        this.managedChannel = managedChannel;
        this.eventLoop = eventLoop;
        this.callbacks = callbacks;
        Metadata headers = new Metadata();
        headers.put(APP_VERSION, appVersion());
        if (settings.trustedClientToken() != null) {
            headers.put(TRUSTED_CLIENT, settings.trustedClientToken());
        }
        this.channel = ClientInterceptors.intercept(managedChannel, MetadataUtils.newAttachHeadersInterceptor(headers));
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "socon-node-connection-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Connects to a node ({@code http://host:port} or {@code https://host[:port]}) with the default settings. */
    public static NodeConnection open(URI node) {
        return open(node, ConnectionSettings.defaults());
    }

    /**
     * Connects to a node. The channel connects lazily: a node that is down shows only when a call fails (and is
     * retried).
     *
     * @param node {@code http://host:port} for plaintext HTTP/2, {@code https://host[:port]} for TLS (port 443 by
     *        default); a path is ignored
     * @throws IllegalArgumentException for another scheme or no host
     * @throws UncheckedIOException if the trusted-certificates file cannot be read
     */
    public static NodeConnection open(URI node, ConnectionSettings settings) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(settings, "settings");
        String scheme = node.getScheme() == null ? "" : node.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("a node URL starts with http:// or https://, got " + node);
        }
        if (node.getHost() == null) {
            throw new IllegalArgumentException("the node URL has no host: " + node);
        }
        boolean tls = scheme.equals("https");
        int port = node.getPort() != -1 ? node.getPort() : tls ? 443 : 80;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(node.getHost(), port)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .keepAliveTime(KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .userAgent(appVersion());
        if (!tls) {
            builder.usePlaintext();
        } else if (settings.trustedCertificates() != null) {
            try {
                builder.sslContext(GrpcSslContexts.forClient().trustManager(settings.trustedCertificates().toFile()).build());
            } catch (IOException | IllegalArgumentException e) {
                throw new UncheckedIOException("cannot read the trusted certificates " + settings.trustedCertificates(),
                        e instanceof IOException io ? io : new IOException(e));
            }
        } else {
            builder.useTransportSecurity();
        }
        String threads = "socon-node-connection-" + node.getHost() + ":" + port;
        OwnedEventLoopGroup eventLoop = OwnedEventLoopGroup.nio(threads, 1);
        // stream callbacks and DNS lookups: otherwise gRPC's shared executor, whose threads outlive the connection
        ExecutorService callbacks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threads + "-callback-", 0).factory());
        try {
            ManagedChannel channel = builder.eventLoopGroup(eventLoop).channelType(NioSocketChannel.class)
                    .executor(callbacks).offloadExecutor(callbacks).build();
            return new NodeConnection(node, settings, channel, eventLoop, callbacks);
        } catch (RuntimeException e) {
            EventLoops.shutdownExecutor(THREADS_GRACE, callbacks);
            eventLoop.shutdownAndAwait(THREADS_GRACE);
            EventLoops.awaitGlobalExecutor(THREADS_GRACE);
            throw e;
        }
    }

    /** The node this connection talks to. */
    public URI node() {
        return node;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------ MlsApi

    /**
     * Uploads this installation's key package; the node keeps the newest one per installation key.
     *
     * @param keyPackage the TLS-serialized MLS {@code KeyPackage} (not an {@code MLSMessage})
     * @param isInboxIdCredential true for XMTP V3 installations (credentials name an inbox id), as libxmtp sends
     */
    public void uploadKeyPackage(byte[] keyPackage, boolean isInboxIdCredential) {
        unary(MlsApiGrpc.getUploadKeyPackageMethod(), UploadKeyPackageRequest.newBuilder()
                .setKeyPackage(KeyPackageUpload.newBuilder().setKeyPackageTlsSerialized(ByteString.copyFrom(keyPackage)))
                .setIsInboxIdCredential(isInboxIdCredential).build());
    }

    /**
     * Fetches the newest key package of each installation, in request order; empty for an installation the node
     * has none for.
     *
     * @throws NodeException also if the node answers with a different number of entries (libxmtp refuses that too)
     */
    public List<Optional<byte[]>> fetchKeyPackages(List<byte[]> installationKeys) {
        if (installationKeys.isEmpty()) {
            return List.of();
        }
        FetchKeyPackagesRequest.Builder request = FetchKeyPackagesRequest.newBuilder();
        installationKeys.forEach(key -> request.addInstallationKeys(ByteString.copyFrom(key)));
        MethodDescriptor<FetchKeyPackagesRequest, FetchKeyPackagesResponse> method = MlsApiGrpc.getFetchKeyPackagesMethod();
        FetchKeyPackagesResponse response = unary(method, request.build());
        requireCount(method, response.getKeyPackagesCount(), installationKeys.size(), "key packages", "installation keys");
        List<Optional<byte[]>> packages = new ArrayList<>(response.getKeyPackagesCount());
        for (FetchKeyPackagesResponse.KeyPackage entry : response.getKeyPackagesList()) {
            ByteString bytes = entry.getKeyPackageTlsSerialized();
            packages.add(bytes.isEmpty() ? Optional.empty() : Optional.of(bytes.toByteArray()));
        }
        return Collections.unmodifiableList(packages);
    }

    /**
     * Sends group messages (MLS commits, proposals or application messages, each in its own
     * {@link GroupMessageInput}). Safe to retry: the node drops a message it already has.
     *
     * @throws IllegalArgumentException if there are none (the node refuses an empty send)
     */
    public void sendGroupMessages(List<GroupMessageInput> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no group messages to send");
        }
        unary(MlsApiGrpc.getSendGroupMessagesMethod(), SendGroupMessagesRequest.newBuilder().addAllMessages(messages).build());
    }

    /**
     * Sends welcomes. Safe to retry: the node drops a welcome it already has.
     *
     * @throws IllegalArgumentException if there are none (the node refuses an empty send)
     */
    public void sendWelcomeMessages(List<WelcomeMessageInput> welcomes) {
        if (welcomes.isEmpty()) {
            throw new IllegalArgumentException("no welcome messages to send");
        }
        unary(MlsApiGrpc.getSendWelcomeMessagesMethod(), SendWelcomeMessagesRequest.newBuilder().addAllMessages(welcomes).build());
    }

    /**
     * All messages of a group with an id greater than {@code afterId}, in id order, read 100 at a time. A stored
     * message of a version this client cannot read (not V1) is skipped.
     */
    public List<GroupMessage.V1> queryGroupMessages(byte[] groupId, long afterId) {
        requireId(groupId, "groupId");
        MethodDescriptor<QueryGroupMessagesRequest, QueryGroupMessagesResponse> method = MlsApiGrpc.getQueryGroupMessagesMethod();
        List<GroupMessage.V1> messages = new ArrayList<>();
        ByteString group = ByteString.copyFrom(groupId);
        long cursor = afterId;
        while (true) {
            QueryGroupMessagesResponse page = unary(method, QueryGroupMessagesRequest.newBuilder()
                    .setGroupId(group).setPagingInfo(ascending(cursor)).build());
            for (GroupMessage message : page.getMessagesList()) {
                if (message.hasV1()) {
                    messages.add(message.getV1());
                } else {
                    LOG.log(Level.WARNING, "skipped a group message of a version this client cannot read");
                }
            }
            long next = nextCursor(method, cursor, page.getMessagesCount(), page.getPagingInfo());
            if (next == 0) {
                return Collections.unmodifiableList(messages);
            }
            cursor = next;
        }
    }

    /** All welcomes (V1 and pointers) for an installation with an id greater than {@code afterId}, in id order. */
    public List<WelcomeMessage> queryWelcomeMessages(byte[] installationKey, long afterId) {
        requireId(installationKey, "installationKey");
        MethodDescriptor<QueryWelcomeMessagesRequest, QueryWelcomeMessagesResponse> method = MlsApiGrpc.getQueryWelcomeMessagesMethod();
        List<WelcomeMessage> welcomes = new ArrayList<>();
        ByteString installation = ByteString.copyFrom(installationKey);
        long cursor = afterId;
        while (true) {
            QueryWelcomeMessagesResponse page = unary(method, QueryWelcomeMessagesRequest.newBuilder()
                    .setInstallationKey(installation).setPagingInfo(ascending(cursor)).build());
            welcomes.addAll(page.getMessagesList());
            long next = nextCursor(method, cursor, page.getMessagesCount(), page.getPagingInfo());
            if (next == 0) {
                return Collections.unmodifiableList(welcomes);
            }
            cursor = next;
        }
    }

    /**
     * The newest message of each group, in request order, without content ({@code data} empty) as libxmtp asks;
     * empty for a group with no messages. libxmtp's {@code syncAll} uses it to skip groups with nothing new.
     */
    public List<Optional<GroupMessage.V1>> getNewestGroupMessage(List<byte[]> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        GetNewestGroupMessageRequest.Builder request = GetNewestGroupMessageRequest.newBuilder().setIncludeContent(false);
        groupIds.forEach(id -> request.addGroupIds(ByteString.copyFrom(id)));
        MethodDescriptor<GetNewestGroupMessageRequest, GetNewestGroupMessageResponse> method = MlsApiGrpc.getGetNewestGroupMessageMethod();
        GetNewestGroupMessageResponse response = unary(method, request.build());
        requireCount(method, response.getResponsesCount(), groupIds.size(), "answers", "group ids");
        List<Optional<GroupMessage.V1>> newest = new ArrayList<>(groupIds.size());
        for (GetNewestGroupMessageResponse.Response entry : response.getResponsesList()) {
            newest.add(entry.hasGroupMessage() && entry.getGroupMessage().hasV1()
                    ? Optional.of(entry.getGroupMessage().getV1()) : Optional.empty());
        }
        return Collections.unmodifiableList(newest);
    }

    // ------------------------------------------------------------ IdentityApi

    /**
     * Publishes a signed identity update (create inbox, add or revoke a member, ...).
     *
     * <p>Unlike the sends, this is not idempotent at the node: if an attempt timed out or lost its connection after
     * the node had stored the update, the retry is refused as a replay ({@code INVALID_ARGUMENT}). When that
     * happens after more than one attempt, read the inbox's log ({@link #getIdentityUpdates}) before treating the
     * update as lost.
     */
    public void publishIdentityUpdate(IdentityUpdate update) {
        unary(IdentityApiGrpc.getPublishIdentityUpdateMethod(),
                PublishIdentityUpdateRequest.newBuilder().setIdentityUpdate(update).build());
    }

    /**
     * The identity updates of several inboxes after their cursors: one entry per request, in request order, each
     * with the inbox's updates in sequence order.
     */
    public List<GetIdentityUpdatesResponse.Response> getIdentityUpdates(List<InboxCursor> inboxes) {
        if (inboxes.isEmpty()) {
            return List.of();
        }
        GetIdentityUpdatesRequest.Builder request = GetIdentityUpdatesRequest.newBuilder();
        inboxes.forEach(inbox -> request.addRequests(GetIdentityUpdatesRequest.Request.newBuilder()
                .setInboxId(inbox.inboxId()).setSequenceId(inbox.afterSequenceId())));
        MethodDescriptor<GetIdentityUpdatesRequest, GetIdentityUpdatesResponse> method = IdentityApiGrpc.getGetIdentityUpdatesMethod();
        GetIdentityUpdatesResponse response = unary(method, request.build());
        requireCount(method, response.getResponsesCount(), inboxes.size(), "answers", "inboxes");
        return response.getResponsesList();
    }

    /**
     * The inbox ids of Ethereum addresses, as libxmtp asks (lowercase, {@code IDENTIFIER_KIND_ETHEREUM}).
     *
     * @return each lowercased address that has an inbox, with its inbox id, in request order; addresses without
     *         one are absent
     */
    public Map<String, String> getInboxIds(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        GetInboxIdsRequest.Builder request = GetInboxIdsRequest.newBuilder();
        List<String> lowercase = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        lowercase.forEach(address -> request.addRequests(GetInboxIdsRequest.Request.newBuilder()
                .setIdentifier(address).setIdentifierKind(IdentifierKind.IDENTIFIER_KIND_ETHEREUM)));
        MethodDescriptor<GetInboxIdsRequest, GetInboxIdsResponse> method = IdentityApiGrpc.getGetInboxIdsMethod();
        GetInboxIdsResponse response = unary(method, request.build());
        requireCount(method, response.getResponsesCount(), addresses.size(), "answers", "addresses");
        Map<String, String> inboxIds = new LinkedHashMap<>();
        for (int i = 0; i < lowercase.size(); i++) {
            GetInboxIdsResponse.Response entry = response.getResponses(i);
            if (entry.hasInboxId() && !entry.getInboxId().isEmpty()) {
                inboxIds.put(lowercase.get(i), entry.getInboxId());
            }
        }
        return Collections.unmodifiableMap(inboxIds);
    }

    // ------------------------------------------------------------ streams

    /**
     * Streams the new messages of some groups (none is fine: add them later) to {@code consumer}, exactly once
     * each and in id order within a group, on a thread of the stream's own.
     */
    public GroupMessageStream streamGroupMessages(Collection<GroupCursor> groups, Consumer<GroupMessage.V1> consumer,
            StreamListener listener) {
        Objects.requireNonNull(consumer, "consumer");
        Resubscriber<SubscribeGroupMessagesRequest, GroupMessage> engine = newEngine("group-messages",
                GroupMessageStream.cursors(groups), GroupMessageStream.WIRE, m -> consumer.accept(m.getV1()), listener);
        GroupMessageStream stream = new GroupMessageStream(engine);
        engine.start();
        return stream;
    }

    public GroupMessageStream streamGroupMessages(Collection<GroupCursor> groups, Consumer<GroupMessage.V1> consumer) {
        return streamGroupMessages(groups, consumer, StreamListener.NONE);
    }

    /** Streams the new welcomes of one installation after {@code afterId} to {@code consumer}, exactly once each. */
    public WelcomeStream streamWelcomeMessages(byte[] installationKey, long afterId, Consumer<WelcomeMessage> consumer,
            StreamListener listener) {
        requireId(installationKey, "installationKey");
        Objects.requireNonNull(consumer, "consumer");
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative, got " + afterId);
        }
        ByteString key = ByteString.copyFrom(installationKey);
        Resubscriber<SubscribeWelcomeMessagesRequest, WelcomeMessage> engine = newEngine("welcomes",
                Map.of(key, afterId), WelcomeStream.WIRE, consumer, listener);
        WelcomeStream stream = new WelcomeStream(engine, key);
        engine.start();
        return stream;
    }

    /**
     * Streams the new welcomes of several installations, each after its cursor, to {@code consumer}, exactly once
     * each; more can be added with {@link WelcomeStream#addInstallation}.
     *
     * @param installations installation keys and their cursors; at least one (the node needs a filter)
     */
    public WelcomeStream streamWelcomeMessages(Map<io.socon.messaging.impl.mls.codec.Bytes, Long> installations,
            Consumer<WelcomeMessage> consumer, StreamListener listener) {
        Objects.requireNonNull(installations, "installations");
        Objects.requireNonNull(consumer, "consumer");
        if (installations.isEmpty()) {
            throw new IllegalArgumentException("a welcome stream needs at least one installation");
        }
        Map<ByteString, Long> cursors = new LinkedHashMap<>();
        installations.forEach((key, afterId) -> {
            requireId(key.toByteArray(), "installationKey");
            if (afterId < 0) {
                throw new IllegalArgumentException("afterId must not be negative, got " + afterId);
            }
            cursors.put(ByteString.copyFrom(key.toByteArray()), afterId);
        });
        Resubscriber<SubscribeWelcomeMessagesRequest, WelcomeMessage> engine = newEngine("welcomes", cursors,
                WelcomeStream.WIRE, consumer, listener);
        WelcomeStream stream = new WelcomeStream(engine, cursors.keySet().iterator().next());
        engine.start();
        return stream;
    }

    public WelcomeStream streamWelcomeMessages(byte[] installationKey, long afterId, Consumer<WelcomeMessage> consumer) {
        return streamWelcomeMessages(installationKey, afterId, consumer, StreamListener.NONE);
    }

    private <Q, M> Resubscriber<Q, M> newEngine(String name, Map<ByteString, Long> cursors, Resubscriber.Wire<Q, M> wire,
            Consumer<? super M> consumer, StreamListener listener) {
        if (closed) {
            throw new IllegalStateException("the connection to " + node + " is closed");
        }
        Resubscriber<Q, M> engine = new Resubscriber<>(name, channel, managedChannel::resetConnectBackoff, scheduler,
                cursors, wire, consumer, listener == null ? StreamListener.NONE : listener, settings.reconnect(),
                settings.streamQueueCapacity(), streams::remove);
        streams.add(engine);
        return engine;
    }

    // ------------------------------------------------------------ calls

    /** Runs a unary call with the retry policy; see the class comment. */
    <Q, R> R unary(MethodDescriptor<Q, R> method, Q request) {
        if (closed) {
            throw new IllegalStateException("the connection to " + node + " is closed");
        }
        try {
            return unaryWithRetries(method, request);
        } finally {
            // a blocking call runs gRPC's and Netty's code on the caller's thread, often a pool thread not ours
            EventLoops.releaseThreadLocals();
        }
    }

    private <Q, R> R unaryWithRetries(MethodDescriptor<Q, R> method, Q request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ClientCalls.blockingUnaryCall(channel, method,
                        CallOptions.DEFAULT.withDeadlineAfter(settings.callDeadline().toNanos(), TimeUnit.NANOSECONDS),
                        request);
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                boolean retryable = StatusPolicy.retryUnary(status);
                if (!retryable || attempt >= settings.maxAttempts() || closed) {
                    throw new NodeException(method.getFullMethodName(), status.getCode(), StatusPolicy.describe(status),
                            retryable, attempt, e);
                }
                Duration delay = settings.retry().delay(attempt, ThreadLocalRandom.current());
                int failed = attempt;
                LOG.log(Level.DEBUG, () -> method.getBareMethodName() + " attempt " + failed + " failed with "
                        + status.getCode() + "; trying again in " + delay.toMillis() + " ms");
                if (status.getCode() == Status.Code.UNAVAILABLE) {
                    // the channel's own reconnect back-off (1 s growing to 2 min) would fail our retries fast
                    managedChannel.resetConnectBackoff();
                }
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new NodeException(method.getFullMethodName(), Status.Code.CANCELLED,
                            "interrupted while waiting to retry after " + status.getCode(), false, attempt, e);
                }
            }
        }
    }

    private static PagingInfo ascending(long afterId) {
        return PagingInfo.newBuilder().setDirection(SortDirection.SORT_DIRECTION_ASCENDING).setLimit(PAGE_SIZE)
                .setIdCursor(afterId).build();
    }

    /** The cursor of the next page, or 0 when this page was the last (short, or the node's cursor is 0). */
    private static long nextCursor(MethodDescriptor<?, ?> method, long cursor, int count, PagingInfo paging) {
        if (count < PAGE_SIZE || paging.getIdCursor() == 0) {
            return 0;
        }
        if (paging.getIdCursor() <= cursor) {
            throw new NodeException(method.getFullMethodName(), Status.Code.UNKNOWN, "the node's paging cursor went from "
                    + cursor + " back to " + paging.getIdCursor(), false, 1, null);
        }
        return paging.getIdCursor();
    }

    private static void requireCount(MethodDescriptor<?, ?> method, int got, int asked, String what, String per) {
        if (got != asked) {
            throw new NodeException(method.getFullMethodName(), Status.Code.UNKNOWN, "the node answered " + got + " "
                    + what + " for " + asked + " " + per, false, 1, null);
        }
    }

    private static void requireId(byte[] id, String name) {
        Objects.requireNonNull(id, name);
        if (id.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    /** {@code socon-messaging/<version>}, the version from the jar (or {@code dev} in a build tree). */
    static String appVersion() {
        String version = NodeConnection.class.getPackage().getImplementationVersion();
        if (version == null) {
            try (InputStream in = NodeConnection.class.getResourceAsStream(
                    "/META-INF/maven/io.socon.messaging/socon-messaging-impl/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    version = properties.getProperty("version");
                }
            } catch (IOException e) {
                // fall through to dev
            }
        }
        return "socon-messaging/" + (version == null ? "dev" : version);
    }

    /**
     * Closes the streams opened through this connection, then the channel (in-flight calls get 5 s), then ends the
     * connection's threads and returns once they have ended (up to 5 s more).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Resubscriber<?, ?> stream : List.copyOf(streams)) {
            stream.close();
        }
        scheduler.shutdownNow();
        managedChannel.shutdown();
        try {
            if (!managedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
                managedChannel.shutdownNow();
                managedChannel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            managedChannel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            EventLoops.shutdownExecutor(THREADS_GRACE, scheduler);
            EventLoops.shutdownExecutor(THREADS_GRACE, callbacks);
            eventLoop.shutdownAndAwait(THREADS_GRACE);
            EventLoops.awaitGlobalExecutor(THREADS_GRACE);
            EventLoops.releaseThreadLocals();
        }
    }
}
