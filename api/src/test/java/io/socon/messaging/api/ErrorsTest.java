package io.socon.messaging.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void transientCodesAreRetryableOthersAreNot() {
        assertThat(ErrorCode.NODE_UNAVAILABLE.retryable()).isTrue();
        assertThat(ErrorCode.RATE_LIMITED.retryable()).isTrue();
        assertThat(ErrorCode.NOT_A_MEMBER.retryable()).isFalse();
        assertThat(ErrorCode.INVALID_ADDRESS.retryable()).isFalse();
        assertThat(ErrorCode.PEER_NOT_REACHABLE.documentation()).isEqualTo("docs/errors.md#PEER_NOT_REACHABLE");
    }

    @Test
    void messageStartsWithTheCode() {
        var e = new MessagingException(ErrorCode.NOT_A_MEMBER, "inbox left the group");
        assertThat(e).hasMessage("NOT_A_MEMBER: inbox left the group");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void unwrapFindsTheExceptionInsideACompletionStageFailure() {
        var cause = new RateLimitedException("3000 writes per 5 minutes", Duration.ofSeconds(30));
        var future = CompletableFuture.failedFuture(cause).thenApply(x -> x);
        Throwable observed = assertThatThrownBy(future::join).isInstanceOf(CompletionException.class).actual();
        assertThat(MessagingException.unwrap(observed)).isSameAs(cause);
        assertThat(MessagingException.unwrap(new IllegalStateException("boom")).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThatThrownBy(() -> new RateLimitedException("x", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCodeIsExplainedInTheCatalogue() throws IOException {
        Path catalogue = Path.of("..", "docs", "errors.md");
        String text = Files.readString(catalogue);
        for (ErrorCode code : ErrorCode.values()) {
            String heading = "\n### " + code.name() + "\n";
            assertThat(text).as("docs/errors.md explains " + code).contains(heading);
            String section = text.substring(text.indexOf(heading) + heading.length());
            section = section.contains("\n### ") ? section.substring(0, section.indexOf("\n### ")) : section;
            assertThat(section).as(code + " retry advice").contains(code.retryable() ? "Retry: yes" : "Retry: no");
        }
    }
}
