package io.socon.messaging.impl.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rolling-window token buckets, on a clock the test moves. */
class RateLimitInterceptorTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final RateLimitInterceptor limits = new RateLimitInterceptor(10, 3, Duration.ofMinutes(5), now::get);

    @Test
    void aWindowsAllowanceIsAvailableAtOnceThenRefillsEvenly() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("1.2.3.4", true)).isTrue();
        }
        assertThat(limits.tryAcquire("1.2.3.4", true)).isFalse();

        now.addAndGet(Duration.ofSeconds(99).toNanos()); // a third of a token short of one (100 s per write)
        assertThat(limits.tryAcquire("1.2.3.4", true)).isFalse();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limits.tryAcquire("1.2.3.4", true)).isTrue();
        assertThat(limits.tryAcquire("1.2.3.4", true)).isFalse();
    }

    @Test
    void readsWritesAndClientsHaveSeparateAllowances() {
        for (int i = 0; i < 3; i++) {
            limits.tryAcquire("1.2.3.4", true);
        }
        assertThat(limits.tryAcquire("1.2.3.4", false)).as("reads are counted apart").isTrue();
        assertThat(limits.tryAcquire("5.6.7.8", true)).as("another client").isTrue();
    }

    @Test
    void anIdleClientNeverHoldsMoreThanOneWindow() {
        now.addAndGet(Duration.ofDays(1).toNanos());
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryAcquire("1.2.3.4", false)).isTrue();
        }
        assertThat(limits.tryAcquire("1.2.3.4", false)).isFalse();
    }
}
