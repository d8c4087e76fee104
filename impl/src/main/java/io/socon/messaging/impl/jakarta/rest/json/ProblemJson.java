package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error, as {@code application/problem+json} (RFC 9457) with the stable error code.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what happened in this case and what to do, for people
 * @param code the {@code ErrorCode} name, to branch on
 * @param instance for server failures, the id under which the server logged the cause; else null
 * @param challenge for {@code WALLET_SIGNATURE_REQUIRED}, what the wallet must sign; else null
 * @param retryAfterSeconds for {@code RATE_LIMITED}, how long to wait; else null
 */
@Schema(name = "Problem", description = "An error (RFC 9457) with the stable error code")
@JsonbPropertyOrder({"type", "title", "status", "detail", "code", "instance", "challenge", "retryAfterSeconds"})
public record ProblemJson(String type, String title, int status, String detail, String code, String instance,
        ChallengeJson challenge, Long retryAfterSeconds) {
}
