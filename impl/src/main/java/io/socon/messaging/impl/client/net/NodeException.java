package io.socon.messaging.impl.client.net;

import io.grpc.Status;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import java.util.Objects;

/**
 * A node call failed: which gRPC method, with which status, what the node said, and whether the failure is
 * transient ({@link #retryable()}: the node was unreachable, overloaded or timed out, so the same call may
 * succeed later) or not (the node refused the request; sending it again fails again).
 *
 * <p>The {@link ErrorCode} is {@link ErrorCode#NODE_UNAVAILABLE} or {@link ErrorCode#RATE_LIMITED} for
 * transient failures, {@link ErrorCode#CONTENT_TOO_LARGE} for a message over a size limit and
 * {@link ErrorCode#INTERNAL} for everything else: a refused request is a bug of this client, not the user's.
 */
public final class NodeException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final Status.Code status;
    private final String nodeMessage;
    private final boolean transientFailure;
    private final int attempts;

    /**
     * @param method the full gRPC method name, e.g. {@code xmtp.mls.api.v1.MlsApi/SendGroupMessages}
     * @param status the gRPC status code of the last attempt
     * @param nodeMessage what the node (or the transport) said, or what was wrong with its answer
     * @param retryable whether the failure is transient
     * @param attempts how many attempts were made
     * @param cause the underlying exception, or null
     */
    public NodeException(String method, Status.Code status, String nodeMessage, boolean retryable, int attempts,
            Throwable cause) {
        super(errorCode(status, nodeMessage, retryable), describe(method, status, nodeMessage, retryable, attempts), cause);
        this.method = Objects.requireNonNull(method, "method");
        this.status = Objects.requireNonNull(status, "status");
        this.nodeMessage = nodeMessage == null ? "" : nodeMessage;
        this.transientFailure = retryable;
        this.attempts = attempts;
    }

    /** The full gRPC method name. */
    public String method() {
        return method;
    }

    /** The gRPC status code of the last attempt. */
    public Status.Code status() {
        return status;
    }

    /** What the node (or the transport) said; empty when it said nothing. */
    public String nodeMessage() {
        return nodeMessage;
    }

    /** Whether the failure is transient, so that the same call may succeed later. */
    @Override
    public boolean retryable() {
        return transientFailure;
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }

    private static ErrorCode errorCode(Status.Code status, String nodeMessage, boolean retryable) {
        if (StatusPolicy.isSizeLimit(status, nodeMessage)) {
            return ErrorCode.CONTENT_TOO_LARGE;
        }
        if (!retryable) {
            return ErrorCode.INTERNAL;
        }
        return status == Status.Code.RESOURCE_EXHAUSTED ? ErrorCode.RATE_LIMITED : ErrorCode.NODE_UNAVAILABLE;
    }

    private static String describe(String method, Status.Code status, String nodeMessage, boolean retryable,
            int attempts) {
        StringBuilder text = new StringBuilder(method).append(" failed with ").append(status);
        if (nodeMessage != null && !nodeMessage.isEmpty()) {
            text.append(": ").append(nodeMessage);
        }
        if (attempts > 1) {
            text.append(" (after ").append(attempts).append(" attempts)");
        } else if (!retryable) {
            text.append(" (not retried: the node refused the request)");
        }
        return text.toString();
    }
}
