package io.socon.messaging.impl.client;

import java.time.Clock;
import java.time.Instant;

/** Nanosecond timestamps, as XMTP counts time. */
final class Times {

    private Times() {
    }

    static long nanos(Clock clock) {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }
}
