package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.RateLimitedException;
import io.socon.messaging.api.SignatureRequiredException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.impl.jakarta.rest.json.ChallengeJson;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failures into {@code application/problem+json} responses with the status table of
 * {@code docs/rest-api.md}. Details of client errors are the exception's message (written for people); details
 * of server failures are fixed texts, and the cause is logged under the problem's {@code instance} id, so no
 * internals reach the caller.
 */
public final class Problems {

    /** The media type of every error body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Where the {@code type} URIs of problems start. */
    public static final String TYPE_BASE = "https://socon.io/problems/";

    private static final Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    /** The HTTP status for an error code. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, INVALID_ADDRESS, INVALID_INBOX_ID, INVALID_ID, WALLET_SIGNATURE_INVALID -> 400;
            case CONTENT_TOO_LARGE -> 413;
            case IDENTITY_NOT_AVAILABLE, WALLET_SIGNATURE_REQUIRED -> 401;
            case NOT_A_MEMBER, PERMISSION_DENIED, CONSENT_DENIED -> 403;
            case CONVERSATION_NOT_FOUND, MESSAGE_NOT_FOUND, PEER_NOT_REACHABLE -> 404;
            case INSTALLATION_LIMIT_REACHED -> 409;
            case UNSUPPORTED_CONTENT_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case NODE_UNAVAILABLE, KEY_VAULT_UNAVAILABLE, STORAGE_UNAVAILABLE, CLOSED -> 503;
            // UNSUPPORTED_OPERATION comes with the messaging implementation's api change; named so both compile
            default -> "UNSUPPORTED_OPERATION".equals(code.name()) ? 501 : 500;
        };
    }

    /** Whether the caller sees a fixed text instead of the message (server failures, whose messages may leak). */
    static boolean hidesMessage(ErrorCode code) {
        int status = status(code);
        return status == 500 || status == 503;
    }

    /** The response for any failure of a REST call (also one wrapped by a {@code CompletionStage}). */
    public static Response response(Throwable failure) {
        return response(problem(failure));
    }

    /** The problem for any failure; server failures are logged here, once. */
    public static ProblemJson problem(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RestProblemException p) {
            return p.problem();
        }
        if (cause instanceof InvalidValueException e) {
            return of(e.code(), stripCode(e.getMessage(), e.code()));
        }
        if (cause instanceof MessagingException e) {
            ErrorCode code = e.code();
            int status = status(code);
            if (hidesMessage(code)) {
                return serverFailure(code, status, e);
            }
            ChallengeJson challenge = e instanceof SignatureRequiredException s && s.challenge() != null
                    ? challenge(s.challenge()) : null;
            Long retryAfter = e instanceof RateLimitedException r ? Math.max(1, r.retryAfter().toSeconds()) : null;
            return new ProblemJson(type(code), title(code), status, stripCode(e.getMessage(), code), code.name(), null,
                    challenge, retryAfter);
        }
        if (cause instanceof WebApplicationException w && w.getResponse() != null
                && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            ErrorCode code = status == 401 ? ErrorCode.IDENTITY_NOT_AVAILABLE : ErrorCode.INVALID_ARGUMENT;
            return new ProblemJson(type(code), title(code), status, httpDetail(status), code.name(), null, null, null);
        }
        return serverFailure(ErrorCode.INTERNAL, 500, cause);
    }

    /** A problem for a client error with this code and detail (nothing is logged). */
    public static ProblemJson of(ErrorCode code, String detail) {
        return new ProblemJson(type(code), title(code), status(code), detail, code.name(), null, null, null);
    }

    /** The response carrying a problem. */
    public static Response response(ProblemJson problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(MEDIA_TYPE)
                .entity(RestJson.write(problem));
        if (problem.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Session");
        }
        return builder.build();
    }

    /** The challenge of a {@code WALLET_SIGNATURE_REQUIRED} problem. */
    public static ChallengeJson challenge(WalletChallenge c) {
        return new ChallengeJson(c.id().value(), c.text(), c.address().value(), c.expiresAt().toString());
    }

    /** The {@code type} URI of a code: {@code https://socon.io/problems/peer-not-reachable}. */
    public static String type(ErrorCode code) {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The title of a code: {@code Peer not reachable}. */
    public static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * The text a caller may see for a failure with this code: the message for client errors, a fixed text for
     * server failures (whose messages may name hosts, ports or SQL).
     */
    public static String safeDetail(ErrorCode code, String message) {
        return hidesMessage(code) ? fixedDetail(code) : stripCode(message, code);
    }

    /** The failure inside {@code CompletionException}s and {@code ExecutionException}s. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static ProblemJson serverFailure(ErrorCode code, int status, Throwable cause) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        if (status == 500) {
            LOG.log(Level.ERROR, "REST call failed (" + instance + ")", cause);
        } else {
            LOG.log(Level.WARNING, "REST call failed with " + code + " (" + instance + "): " + cause);
        }
        String detail = fixedDetail(code) + " (logged on the server as " + instance + ")";
        return new ProblemJson(type(code), title(code), status, detail, code.name(), instance, null, null);
    }

    private static String fixedDetail(ErrorCode code) {
        return switch (code) {
            case NODE_UNAVAILABLE -> "the XMTP node cannot be reached; try again later";
            case KEY_VAULT_UNAVAILABLE -> "the key vault is not available; try again later";
            case STORAGE_UNAVAILABLE -> "the message store is not available; try again later";
            case CLOSED -> "messaging is shutting down or was closed; try again later";
            case STREAM_OVERFLOW -> "the stream fell too far behind; reconnect";
            default -> "an unexpected error occurred";
        };
    }

    private static String httpDetail(int status) {
        return switch (status) {
            case 401 -> "sign in first";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this resource answers application/json only";
            case 415 -> "send the body as application/json";
            default -> "the request cannot be served (HTTP " + status + ")";
        };
    }

    /** Exception messages start with the code name ({@code "PEER_NOT_REACHABLE: ..."}); the problem has it apart. */
    private static String stripCode(String message, ErrorCode code) {
        if (message == null || message.isBlank()) {
            return title(code);
        }
        String prefix = code.name() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
