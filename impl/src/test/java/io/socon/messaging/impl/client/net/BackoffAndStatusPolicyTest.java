package io.socon.messaging.impl.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The back-off arithmetic and which statuses are retried. */
class BackoffAndStatusPolicyTest {

    @Test
    void growsExponentiallyUpToTheCapAndJittersDownward() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.5);
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(1, random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.delay(3, random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(30, random)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
        Backoff exact = new Backoff(Duration.ofMillis(50), 3.0, Duration.ofSeconds(5), 0.0);
        assertThat(exact.delay(4, random)).isEqualTo(Duration.ofMillis(1350));
        assertThat(exact.delay(1000, random)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> exact.delay(0, random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retriesTransientStatusesOnly() {
        assertThat(StatusPolicy.retryUnary(Status.UNAVAILABLE)).isTrue();
        assertThat(StatusPolicy.retryUnary(Status.DEADLINE_EXCEEDED)).isTrue();
        assertThat(StatusPolicy.retryUnary(Status.ABORTED)).isTrue();
        assertThat(StatusPolicy.retryUnary(Status.INTERNAL)).isTrue();
        assertThat(StatusPolicy.retryUnary(Status.RESOURCE_EXHAUSTED.withDescription("rate limit exceeded"))).isTrue();
        assertThat(StatusPolicy.retryUnary(Status.RESOURCE_EXHAUSTED
                .withDescription("gRPC message exceeds maximum size 26214400: 30000000"))).isFalse();
        assertThat(StatusPolicy.retryUnary(Status.INVALID_ARGUMENT)).isFalse();
        assertThat(StatusPolicy.retryUnary(Status.UNIMPLEMENTED)).isFalse();
        assertThat(StatusPolicy.retryUnary(Status.UNKNOWN)).isFalse();
        assertThat(StatusPolicy.retryUnary(Status.CANCELLED)).isFalse();

        assertThat(StatusPolicy.resubscribe(Status.OK)).isTrue();
        assertThat(StatusPolicy.resubscribe(Status.UNKNOWN)).isTrue();
        assertThat(StatusPolicy.resubscribe(Status.CANCELLED)).isTrue();
        assertThat(StatusPolicy.resubscribe(Status.ABORTED)).isTrue();
        assertThat(StatusPolicy.resubscribe(Status.INVALID_ARGUMENT)).isFalse();
        assertThat(StatusPolicy.resubscribe(Status.UNIMPLEMENTED)).isFalse();
    }
}
