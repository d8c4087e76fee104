package io.socon.messaging.impl.client.net;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with a cap and random jitter: before retry {@code n} (1-based) wait
 * {@code min(initial * multiplier^(n-1), max)}, shortened by a random fraction of up to {@code jitter} of it, so
 * that many clients that lost the same node do not all come back at the same instant.
 *
 * @param initial the wait before the first retry
 * @param multiplier how much each wait grows, at least 1
 * @param max the longest wait
 * @param jitter 0 for none, 1 for "full jitter" (anything between 0 and the wait); 0.5 waits 50 to 100 %
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + " and " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        double base = initial.toNanos() * Math.pow(multiplier, retry - 1);
        base = Math.min(base, max.toNanos());
        double waited = base * (1.0 - jitter * random.nextDouble());
        return Duration.ofNanos((long) waited);
    }
}
