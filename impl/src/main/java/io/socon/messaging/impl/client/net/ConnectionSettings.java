package io.socon.messaging.impl.client.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NodeConnection} calls its node.
 *
 * @param callDeadline how long one attempt of a unary call may take before it fails with
 *        {@code DEADLINE_EXCEEDED} (and is retried)
 * @param maxAttempts how many times a unary call is tried in all when it fails transiently, at least 1
 * @param retry the waits between those attempts
 * @param reconnect the waits before a stream subscribes again after it dropped
 * @param streamQueueCapacity how many received messages a stream holds for its consumer before it stops
 *        asking the node for more (gRPC flow control)
 * @param trustedCertificates for {@code https://} nodes: a PEM file of the certificates to trust instead of the
 *        system trust store (tests, private nodes), or {@code null} for the system trust store
 */
public record ConnectionSettings(Duration callDeadline, int maxAttempts, Backoff retry, Backoff reconnect,
        int streamQueueCapacity, Path trustedCertificates, String trustedClientToken) {

    /**
     * Six attempts 50 ms, 150 ms, 450 ms, 1.35 s and 4 s apart (less jitter), as libxmtp retries every call
     * five times after a short back-off.
     */
    public static final Backoff DEFAULT_RETRY = new Backoff(Duration.ofMillis(50), 3.0, Duration.ofSeconds(5), 0.5);

    /** Streams come back after 0.1 s, doubling up to 30 s. */
    public static final Backoff DEFAULT_RECONNECT = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(30), 0.5);

    public ConnectionSettings {
        Objects.requireNonNull(callDeadline, "callDeadline");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(reconnect, "reconnect");
        if (callDeadline.isNegative() || callDeadline.isZero()) {
            throw new IllegalArgumentException("callDeadline must be positive, got " + callDeadline);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (streamQueueCapacity < 1) {
            throw new IllegalArgumentException("streamQueueCapacity must be at least 1, got " + streamQueueCapacity);
        }
    }

    /** 30 s per attempt, 6 attempts, {@link #DEFAULT_RETRY}, {@link #DEFAULT_RECONNECT}, 256 queued messages, system trust. */
    public static ConnectionSettings defaults() {
        return new ConnectionSettings(Duration.ofSeconds(30), 6, DEFAULT_RETRY, DEFAULT_RECONNECT, 256, null, null);
    }

    public ConnectionSettings withCallDeadline(Duration deadline) {
        return new ConnectionSettings(deadline, maxAttempts, retry, reconnect, streamQueueCapacity, trustedCertificates, trustedClientToken);
    }

    public ConnectionSettings withRetry(int attempts, Backoff backoff) {
        return new ConnectionSettings(callDeadline, attempts, backoff, reconnect, streamQueueCapacity, trustedCertificates, trustedClientToken);
    }

    public ConnectionSettings withReconnect(Backoff backoff) {
        return new ConnectionSettings(callDeadline, maxAttempts, retry, backoff, streamQueueCapacity, trustedCertificates, trustedClientToken);
    }

    public ConnectionSettings withStreamQueueCapacity(int capacity) {
        return new ConnectionSettings(callDeadline, maxAttempts, retry, reconnect, capacity, trustedCertificates, trustedClientToken);
    }

    public ConnectionSettings withTrustedCertificates(Path pemFile) {
        return new ConnectionSettings(callDeadline, maxAttempts, retry, reconnect, streamQueueCapacity, pemFile, trustedClientToken);
    }

    /**
     * The embedded node's trusted-client token (see {@code NodeServer}): sent as {@code x-socon-trusted-client}
     * on every call, it exempts this connection from the node's per-address rate limits. Only for a node in the
     * same application; never send it to another node.
     */
    public ConnectionSettings withTrustedClientToken(String token) {
        return new ConnectionSettings(callDeadline, maxAttempts, retry, reconnect, streamQueueCapacity,
                trustedCertificates, token);
    }
}
