package io.socon.messaging.impl.node;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.socon.messaging.impl.netty.EventLoops;
import io.socon.messaging.impl.netty.OwnedEventLoopGroup;
import io.socon.messaging.impl.node.transport.HeadersFirstInterceptor;
import io.socon.messaging.impl.node.transport.RateLimitInterceptor;
import io.socon.messaging.impl.node.transport.StrictRequestParsing;
import io.socon.messaging.impl.store.NodeStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running XMTP V3 node: {@code MlsApi} and {@code IdentityApi} on one gRPC port, over a
 * {@link NodeStore}. Start it with {@link #start}, stop it with {@link #close} (graceful: new calls are
 * refused, in-flight calls get the configured grace, live streams are ended so clients resubscribe).
 * The store is not closed by the node; its owner closes it.
 *
 * <p>The node owns its threads: Netty event loops of its own (one acceptor, one worker per processor, daemon threads
 * named {@code socon-node-<port>-boss-1} and {@code socon-node-<port>-worker-N}), never gRPC's shared groups, and
 * virtual threads for the calls. {@link #close} returns once they have all ended (bounded), so none outlives the
 * application that started the node.
 */
public final class NodeServer implements AutoCloseable {

    /** How long {@link #close} waits for the event loops and call threads once the gRPC server has terminated. */
    static final Duration THREADS_GRACE = Duration.ofSeconds(5);

    private final Server server;
    private final Subscriptions subscriptions;
    private final ExecutorService calls;
    private final OwnedEventLoopGroup boss;
    private final OwnedEventLoopGroup workers;
    private final NodeSettings settings;

    private NodeServer(Server server, Subscriptions subscriptions, ExecutorService calls, OwnedEventLoopGroup boss,
                       OwnedEventLoopGroup workers, NodeSettings settings) {
        this.server = server;
        this.subscriptions = subscriptions;
        this.calls = calls;
        this.boss = boss;
        this.workers = workers;
        this.settings = settings;
    }

    /**
     * Starts a node.
     *
     * @throws PortInUseException if the port is taken
     * @throws IOException if the server cannot start for another reason (e.g. unreadable TLS files)
     */
    public static NodeServer start(NodeSettings settings, NodeStore store, NodeValidation validation)
            throws IOException {
        return start(settings, store, validation, null);
    }

    /**
     * Starts a node whose rate limits do not apply to calls carrying {@code trustedClientToken} in the
     * {@code x-socon-trusted-client} header: the embedded node's host application, whose one connection carries
     * all of its users' traffic. The token must be a secret of the application (random per start).
     */
    public static NodeServer start(NodeSettings settings, NodeStore store, NodeValidation validation,
                                   String trustedClientToken) throws IOException {
        Subscriptions subscriptions = new Subscriptions();
        store.setEvents(subscriptions);
        // Calls block on the database: run them on virtual threads, never on Netty's event loops.
        ExecutorService calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socon-node-call-", 0).factory());
        NodeLimits limits = settings.limits();
        HeadersFirstInterceptor headersFirst = new HeadersFirstInterceptor();
        RateLimitInterceptor rateLimit = new RateLimitInterceptor(limits.readsPerWindow(), limits.writesPerWindow(),
                limits.window(), System::nanoTime, trustedClientToken);
        String threads = "socon-node-" + settings.port();
        OwnedEventLoopGroup boss = OwnedEventLoopGroup.nio(threads + "-boss", 1);
        OwnedEventLoopGroup workers = OwnedEventLoopGroup.nio(threads + "-worker", Runtime.getRuntime().availableProcessors());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .channelType(NioServerSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .executor(calls)
                .maxInboundMessageSize(limits.maxRequestBytes())
                // libxmtp pings every 16 s, idle or not
                .permitKeepAliveTime(15, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(ServerInterceptors.intercept(
                        StrictRequestParsing.wrap(new MlsApiService(store, validation, limits, subscriptions).bindService()),
                        headersFirst, rateLimit, StrictRequestParsing.interceptor()))
                .addService(ServerInterceptors.intercept(
                        StrictRequestParsing.wrap(new IdentityApiService(store, validation, limits).bindService()),
                        headersFirst, rateLimit, StrictRequestParsing.interceptor()));
        try {
            if (settings.tls()) {
                builder.useTransportSecurity(settings.tlsCertificateChain().toFile(), settings.tlsPrivateKey().toFile());
            }
            Server server = builder.build();
            server.start();
            return new NodeServer(server, subscriptions, calls, boss, workers, settings);
        } catch (IOException | RuntimeException e) {
            store.setEvents(null);
            subscriptions.close();
            EventLoops.shutdownExecutor(THREADS_GRACE, calls);
            boss.shutdownAndAwait(THREADS_GRACE);
            workers.shutdownAndAwait(THREADS_GRACE);
            EventLoops.awaitGlobalExecutor(THREADS_GRACE);
            if (e instanceof IOException io && causedByBind(io)) {
                throw new PortInUseException(settings.host(), settings.port(), io);
            }
            throw e;
        } finally {
            EventLoops.releaseThreadLocals();
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Netty's native transport reports EADDRINUSE as its own IOException, not a BindException
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** The port the node listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getPort();
    }

    public String host() {
        return settings.host();
    }

    /** Live subscription streams now open. */
    public int activeStreams() {
        return subscriptions.activeStreams();
    }

    /** Blocks until the node has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdown();
        subscriptions.close();
        try {
            if (!server.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // the server has terminated (or given up): end the threads it ran on
            EventLoops.shutdownExecutor(THREADS_GRACE, calls);
            boss.shutdownAndAwait(THREADS_GRACE);
            workers.shutdownAndAwait(THREADS_GRACE);
            EventLoops.awaitGlobalExecutor(THREADS_GRACE);
            EventLoops.releaseThreadLocals();
        }
    }
}
