package io.socon.messaging.impl.client.net;

import io.grpc.Status;
import java.util.Locale;

/**
 * Which failures are worth another attempt.
 *
 * <p>Unary calls are retried on {@code UNAVAILABLE} (node down or restarting, connection lost),
 * {@code DEADLINE_EXCEEDED} (each attempt has its own deadline), {@code RESOURCE_EXHAUSTED} (rate limit),
 * {@code ABORTED} (conflict, e.g. a slow reader) and {@code INTERNAL}. {@code INTERNAL} is included because
 * grpc-java reports broken HTTP/2 streams (a proxy's {@code RST_STREAM}, an unexpected end of stream) with it and
 * nodes map database failures to it; a node bug costs only a few retries. Retrying is safe: the node
 * de-duplicates group messages and welcomes by hash, and key-package upload is an upsert. A refused request
 * ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code UNIMPLEMENTED}, ...) and a message over a size limit
 * (also {@code RESOURCE_EXHAUSTED}) are never retried.
 *
 * <p>Streams resubscribe after anything but a refusal: also after {@code UNKNOWN}, {@code CANCELLED} by the
 * server or a proxy, and a normal end of the stream.
 */
final class StatusPolicy {

    private StatusPolicy() {
    }

    static boolean retryUnary(Status status) {
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL -> true;
            case RESOURCE_EXHAUSTED -> !isSizeLimit(status.getCode(), status.getDescription());
            default -> false;
        };
    }

    static boolean resubscribe(Status status) {
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED, FAILED_PRECONDITION,
                    OUT_OF_RANGE, UNIMPLEMENTED -> false;
            // a message over the size limit would come back on every resubscription
            case RESOURCE_EXHAUSTED -> !isSizeLimit(status.getCode(), status.getDescription());
            default -> true;
        };
    }

    /**
     * Whether a status says a message was too large: grpc-java's own check ("exceeds maximum size"),
     * grpc-go's ("larger than max") or a node's payload limit ("over this node's limit").
     */
    static boolean isSizeLimit(Status.Code code, String description) {
        if (code != Status.Code.RESOURCE_EXHAUSTED || description == null) {
            return false;
        }
        String text = description.toLowerCase(Locale.ROOT);
        return text.contains("exceeds maximum size") || text.contains("larger than max")
                || text.contains("over this node's limit");
    }

    /** The status description, with the transport's cause when the description alone says little. */
    static String describe(Status status) {
        String description = status.getDescription();
        Throwable cause = status.getCause();
        if (cause == null) {
            return description == null ? "" : description;
        }
        String because = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return description == null ? because : description + " (" + because + ")";
    }
}
