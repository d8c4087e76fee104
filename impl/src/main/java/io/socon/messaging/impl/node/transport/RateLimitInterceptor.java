package io.socon.messaging.impl.node.transport;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code requestsPerSecond} sustained, {@code burst} at once. Calls
 * over the limit are refused with {@code RESOURCE_EXHAUSTED} and a message saying when to retry.
 */
public final class RateLimitInterceptor implements ServerInterceptor {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNs;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNs = now;
        }
    }

    public RateLimitInterceptor(int requestsPerSecond, int burst, LongSupplier nanoTime) {
        this.tokensPerNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String client = clientOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        if (!tryAcquire(client)) {
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("rate limit exceeded for " + client
                    + ": slow down and retry in a second"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }

    boolean tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.entrySet().removeIf(e -> now - e.getValue().updatedNs > 60_000_000_000L);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNs) * tokensPerNano);
            bucket.updatedNs = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private static String clientOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
