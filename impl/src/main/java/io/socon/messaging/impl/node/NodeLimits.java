package io.socon.messaging.impl.node;

/**
 * The node's limits. The defaults follow XMTP's network: gRPC requests up to 50 MiB (as xmtp-node-go),
 * payloads up to 25 MiB (libxmtp's own client limit), and a per-client rate limit that a busy but honest
 * client never meets.
 *
 * @param maxRequestBytes the largest gRPC request accepted
 * @param maxPayloadBytes the largest single message, welcome, key package or commit-log entry
 * @param requestsPerSecond the sustained calls per second allowed to one client address
 * @param burst how many calls one client address may make at once above the sustained rate
 */
public record NodeLimits(int maxRequestBytes, int maxPayloadBytes, int requestsPerSecond, int burst) {

    public static final NodeLimits DEFAULTS = new NodeLimits(50 * 1024 * 1024, 25 * 1024 * 1024, 200, 1000);

    public NodeLimits {
        if (maxRequestBytes < 1024 || maxPayloadBytes < 1 || maxPayloadBytes > maxRequestBytes) {
            throw new IllegalArgumentException("need 1 <= maxPayloadBytes <= maxRequestBytes and maxRequestBytes >= 1024, got "
                    + maxPayloadBytes + " and " + maxRequestBytes);
        }
        if (requestsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("the rate limit needs at least 1 request per second and a burst of 1");
        }
    }

    void checkPayload(String what, int bytes) {
        if (bytes > maxPayloadBytes) {
            throw new LimitExceededException(what + " has " + bytes + " bytes, over this node's limit of "
                    + maxPayloadBytes);
        }
    }
}
