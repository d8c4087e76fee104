package io.socon.messaging.impl.jakarta.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.RateLimitedException;
import io.socon.messaging.api.SignatureRequiredException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void everyCodeHasTheStatusOfTheContract() {
        // by name, so that codes added to the api since (UNSUPPORTED_OPERATION) are decided here too
        Map<String, Integer> expected = new HashMap<>();
        expected.put("INVALID_ARGUMENT", 400);
        expected.put("INVALID_ADDRESS", 400);
        expected.put("INVALID_INBOX_ID", 400);
        expected.put("INVALID_ID", 400);
        expected.put("CONTENT_TOO_LARGE", 413);
        expected.put("PEER_NOT_REACHABLE", 404);
        expected.put("CONVERSATION_NOT_FOUND", 404);
        expected.put("MESSAGE_NOT_FOUND", 404);
        expected.put("NOT_A_MEMBER", 403);
        expected.put("PERMISSION_DENIED", 403);
        expected.put("CONSENT_DENIED", 403);
        expected.put("UNSUPPORTED_CONTENT_TYPE", 415);
        expected.put("UNSUPPORTED_OPERATION", 501);
        expected.put("IDENTITY_NOT_AVAILABLE", 401);
        expected.put("WALLET_SIGNATURE_REQUIRED", 401);
        expected.put("WALLET_SIGNATURE_INVALID", 400);
        expected.put("INSTALLATION_LIMIT_REACHED", 409);
        expected.put("NODE_UNAVAILABLE", 503);
        expected.put("RATE_LIMITED", 429);
        expected.put("KEY_VAULT_UNAVAILABLE", 503);
        expected.put("STORAGE_UNAVAILABLE", 503);
        expected.put("STREAM_OVERFLOW", 500);
        expected.put("CLOSED", 503);
        expected.put("INTERNAL", 500);

        for (ErrorCode code : ErrorCode.values()) {
            assertThat(expected).as("a status is decided for " + code).containsKey(code.name());
            assertThat(Problems.status(code)).as(code.name()).isEqualTo(expected.get(code.name()));
        }
    }

    @Test
    void aClientErrorKeepsItsMessageWithoutTheCodePrefix() {
        ProblemJson p = Problems.problem(new MessagingException(ErrorCode.PEER_NOT_REACHABLE,
                "address 0x1111111111111111111111111111111111111111 has no XMTP inbox yet; it cannot be messaged"));

        assertThat(p.status()).isEqualTo(404);
        assertThat(p.code()).isEqualTo("PEER_NOT_REACHABLE");
        assertThat(p.type()).isEqualTo("https://socon.io/problems/peer-not-reachable");
        assertThat(p.title()).isEqualTo("Peer not reachable");
        assertThat(p.detail()).isEqualTo(
                "address 0x1111111111111111111111111111111111111111 has no XMTP inbox yet; it cannot be messaged");
        assertThat(p.instance()).isNull();
    }

    @Test
    void failuresInsideCompletionStagesAreUnwrapped() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(
                new MessagingException(ErrorCode.NOT_A_MEMBER, "you left this group"));
        Throwable observed = failed.thenApply(x -> x).handle((r, t) -> t).join();
        assertThat(observed).isInstanceOf(CompletionException.class);

        ProblemJson p = Problems.problem(observed);

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.code()).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void invalidValuesAreBadRequestsAndTooLargeContentIs413() {
        InvalidValueException bad = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidValueException.class,
                () -> EthereumAddress.of("0x12"));

        ProblemJson p = Problems.problem(bad);
        ProblemJson large = Problems.problem(new InvalidValueException(ErrorCode.CONTENT_TOO_LARGE, "too big"));

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.code()).isEqualTo("INVALID_ADDRESS");
        assertThat(p.detail()).startsWith("an Ethereum address is 0x followed by 40 hex digits");
        assertThat(large.status()).isEqualTo(413);
    }

    @Test
    void unexpectedFailuresShowNoInternals() {
        ProblemJson p = Problems.problem(new IllegalStateException(
                "connection to jdbc:postgresql://db.internal:5432/socon refused at org.example.Secret"));

        assertThat(p.status()).isEqualTo(500);
        assertThat(p.code()).isEqualTo("INTERNAL");
        assertThat(p.instance()).startsWith("urn:uuid:");
        assertThat(p.detail()).contains(p.instance()).doesNotContain("jdbc", "db.internal", "org.example", "Exception");
    }

    @Test
    void infrastructureFailuresAre503WithAFixedDetail() {
        ProblemJson p = Problems.problem(new MessagingException(ErrorCode.NODE_UNAVAILABLE,
                "UNAVAILABLE: io exception connecting to 10.1.2.3:5556"));

        assertThat(p.status()).isEqualTo(503);
        assertThat(p.detail()).startsWith("the XMTP node cannot be reached; try again later").doesNotContain("10.1.2.3");
    }

    @Test
    void aSignatureRequestCarriesTheChallenge() {
        WalletChallenge challenge = new WalletChallenge(new WalletChallenge.Id("abcdefghijklmnop-123"),
                EthereumAddress.of("0x" + "ab".repeat(20)), "XMTP : Authenticate to inbox\n…",
                Instant.parse("2026-01-02T03:04:05Z"));

        ProblemJson p = Problems.problem(new SignatureRequiredException(challenge));
        JsonObject json = parse(RestJson.write(p));

        assertThat(p.status()).isEqualTo(401);
        assertThat(json.getString("code")).isEqualTo("WALLET_SIGNATURE_REQUIRED");
        JsonObject c = json.getJsonObject("challenge");
        assertThat(c.getString("id")).isEqualTo("abcdefghijklmnop-123");
        assertThat(c.getString("text")).isEqualTo("XMTP : Authenticate to inbox\n…");
        assertThat(c.getString("address")).isEqualTo("0x" + "ab".repeat(20));
        assertThat(c.getString("expiresAt")).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void rateLimitsSayWhenToRetry() {
        ProblemJson p = Problems.problem(new RateLimitedException("too many sends", Duration.ofMillis(2500)));

        assertThat(p.status()).isEqualTo(429);
        assertThat(p.retryAfterSeconds()).isEqualTo(2L);
    }

    @Test
    void theJsonHasTheMembersOfRfc9457AndTheCodeButNoNulls() {
        JsonObject json = parse(RestJson.write(Problems.of(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation ab")));

        assertThat(json.keySet()).containsExactly("type", "title", "status", "detail", "code");
        assertThat(json.getInt("status")).isEqualTo(404);
    }

    @Test
    void aRestProblemIsAnsweredAsItIs() {
        ProblemJson p = Problems.problem(new CompletionException(RestProblemException.unauthenticated()));

        assertThat(p.status()).isEqualTo(401);
        assertThat(p.code()).isEqualTo("IDENTITY_NOT_AVAILABLE");
        assertThat(p.detail()).isEqualTo("this request has no signed-in user; sign in first");
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
