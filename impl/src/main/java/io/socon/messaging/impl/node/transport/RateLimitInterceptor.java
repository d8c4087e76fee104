package io.socon.messaging.impl.node.transport;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * XMTP-style rate limits per client address, reads and writes counted apart: a token bucket per client
 * and kind that holds a whole window's allowance and refills evenly over the window (a smooth rolling
 * window). Calls over the limit are refused with {@code RESOURCE_EXHAUSTED} and a message saying so.
 */
public final class RateLimitInterceptor implements ServerInterceptor {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    /** The methods that write; every other call counts as a read. */
    private static final Set<String> WRITES = Set.of(
            "xmtp.mls.api.v1.MlsApi/SendGroupMessages",
            "xmtp.mls.api.v1.MlsApi/SendWelcomeMessages",
            "xmtp.mls.api.v1.MlsApi/UploadKeyPackage",
            "xmtp.mls.api.v1.MlsApi/RegisterInstallation",
            "xmtp.mls.api.v1.MlsApi/BatchPublishCommitLog",
            "xmtp.identity.api.v1.IdentityApi/PublishIdentityUpdate");

    /** The header by which the application's own client (the embedded node's host) proves it is trusted. */
    public static final Metadata.Key<String> TRUSTED_CLIENT = Metadata.Key.of("x-socon-trusted-client",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Limiter reads;
    private final Limiter writes;
    private final byte[] trustedToken;

    public RateLimitInterceptor(int readsPerWindow, int writesPerWindow, Duration window, LongSupplier nanoTime) {
        this(readsPerWindow, writesPerWindow, window, nanoTime, null);
    }

    /**
     * @param trustedToken calls carrying this value in {@link #TRUSTED_CLIENT} are not limited (the module's own
     *                     connection, which carries every host user's traffic); null for none
     */
    public RateLimitInterceptor(int readsPerWindow, int writesPerWindow, Duration window, LongSupplier nanoTime,
                                String trustedToken) {
        this.reads = new Limiter("read", readsPerWindow, window, nanoTime);
        this.writes = new Limiter("write", writesPerWindow, window, nanoTime);
        this.trustedToken = trustedToken == null ? null : trustedToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private boolean trusted(Metadata headers) {
        if (trustedToken == null) {
            return false;
        }
        String presented = headers.get(TRUSTED_CLIENT);
        return presented != null && java.security.MessageDigest.isEqual(trustedToken,
                presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (trusted(headers)) {
            return next.startCall(call, headers);
        }
        String client = clientOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        Limiter limiter = WRITES.contains(call.getMethodDescriptor().getFullMethodName()) ? writes : reads;
        if (!limiter.tryAcquire(client)) {
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("rate limit exceeded for " + client + ": at most "
                    + limiter.perWindow + " " + limiter.kind + " calls per " + limiter.window.toSeconds()
                    + " s; slow down and retry later"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }

    /** Takes one call from the client's read or write allowance; false if there is none left. */
    boolean tryAcquire(String client, boolean write) {
        return (write ? writes : reads).tryAcquire(client);
    }

    private static String clientOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static final class Limiter {
        final String kind;
        final int perWindow;
        final Duration window;
        final double tokensPerNano;
        final LongSupplier nanoTime;
        final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

        Limiter(String kind, int perWindow, Duration window, LongSupplier nanoTime) {
            this.kind = kind;
            this.perWindow = perWindow;
            this.window = window;
            this.tokensPerNano = perWindow / (double) window.toNanos();
            this.nanoTime = nanoTime;
        }

        boolean tryAcquire(String client) {
            long now = nanoTime.getAsLong();
            if (buckets.size() > MAX_TRACKED_CLIENTS) {
                long idle = window.toNanos();
                buckets.entrySet().removeIf(e -> now - e.getValue().updatedNs > idle);
            }
            Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perWindow, now));
            synchronized (bucket) {
                bucket.tokens = Math.min(perWindow, bucket.tokens + (now - bucket.updatedNs) * tokensPerNano);
                bucket.updatedNs = now;
                if (bucket.tokens < 1) {
                    return false;
                }
                bucket.tokens -= 1;
                return true;
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNs;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNs = now;
        }
    }
}
