package io.socon.messaging.impl.node;

import java.time.Duration;
import java.util.Objects;

/**
 * The node's limits, with XMTP's own numbers as defaults: gRPC requests up to 50 MiB (as xmtp-node-go),
 * payloads up to 25 MiB (libxmtp's client limit), and per client address 20,000 reads and 3,000 writes
 * per rolling 5 minutes (XMTP's published network limits).
 *
 * @param maxRequestBytes the largest gRPC request accepted
 * @param maxPayloadBytes the largest single message, welcome, key package or commit-log entry
 * @param readsPerWindow read calls (queries, fetches, subscriptions) a client address may make per window
 * @param writesPerWindow write calls (sends, uploads, publishes) a client address may make per window
 * @param window the rolling window of the rate limits
 */
public record NodeLimits(int maxRequestBytes, int maxPayloadBytes, int readsPerWindow, int writesPerWindow,
        Duration window) {

    public static final NodeLimits DEFAULTS = new NodeLimits(50 * 1024 * 1024, 25 * 1024 * 1024, 20_000, 3_000,
            Duration.ofMinutes(5));

    public NodeLimits {
        Objects.requireNonNull(window, "window");
        if (maxRequestBytes < 1024 || maxPayloadBytes < 1 || maxPayloadBytes > maxRequestBytes) {
            throw new IllegalArgumentException("need 1 <= max payload bytes <= max request bytes and max request bytes >= 1024, got "
                    + maxPayloadBytes + " and " + maxRequestBytes);
        }
        if (readsPerWindow < 1 || writesPerWindow < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limits need at least 1 read and 1 write per a positive window");
        }
    }

    void checkPayload(String what, int bytes) {
        if (bytes > maxPayloadBytes) {
            throw new LimitExceededException(what + " has " + bytes + " bytes, over this node's limit of "
                    + maxPayloadBytes);
        }
    }
}
