package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's stream, as the API's stream rules say: {@code onSubscribe} first, then at most as many
 * {@code onNext} as requested, items buffered meanwhile up to a capacity (1024), and beyond it the stream ends with
 * {@code onError(STREAM_OVERFLOW)}; {@link #complete()} ends it with {@code onComplete} (buffered items are
 * dropped: the subscriber asked for no more, or the inbox was closed). Signals are serialized (one drain at a
 * time, on the given executor), never run on the thread that {@link #offer offers} an item, and follow the
 * Reactive Streams rules (a request of 0 or less ends the stream with {@code IllegalArgumentException}, rule
 * 3.9; a subscriber that throws is cancelled, rule 2.13).
 *
 * @param <T> the item type
 */
final class StreamSubscription<T> implements Flow.Subscription {

    private static final System.Logger LOG = System.getLogger(StreamSubscription.class.getName());

    private final Flow.Subscriber<? super T> subscriber;
    private final int capacity;
    private final Executor executor;
    private final Runnable onEnd;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile boolean completed;
    private volatile Throwable error;

    // touched by the drain only
    private boolean started;
    private boolean terminated;

    StreamSubscription(Flow.Subscriber<? super T> subscriber, int capacity, Executor executor, Runnable onEnd) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.capacity = capacity;
        this.executor = executor;
        this.onEnd = onEnd;
    }

    /** Signals {@code onSubscribe}. */
    void start() {
        schedule();
    }

    /** Whether the stream still delivers (not cancelled, completed or failed). */
    boolean live() {
        return !cancelled && !completed && error == null;
    }

    /**
     * Buffers an item for the subscriber; if the buffer is full, ends the stream with {@code STREAM_OVERFLOW}.
     *
     * @return whether the item was taken
     */
    boolean offer(T item) {
        if (!live()) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            fail(new MessagingException(ErrorCode.STREAM_OVERFLOW, "the subscriber requested too few items: more than "
                    + capacity + " waited for it; subscribe again"));
            return false;
        }
        queue.add(item);
        schedule();
        return true;
    }

    /** Ends the stream with {@code onComplete}. */
    void complete() {
        completed = true;
        schedule();
    }

    /** Ends the stream with {@code onError}. */
    void fail(Throwable failure) {
        if (error == null) {
            error = failure;
        }
        schedule();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") must ask for a positive"
                    + " number of items"));
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        schedule();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            schedule();
        }
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                wip.set(0);
                cancelled = true;
                end();
            }
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            if (!started) {
                started = true;
                try {
                    subscriber.onSubscribe(this);
                } catch (Throwable t) {
                    misbehaved(t);
                }
            }
            if (cancelled && !terminated) {
                terminated = true;
                end();
            }
            if (!terminated) {
                Throwable failure = error;
                if (failure != null) {
                    terminated = true;
                    end();
                    try {
                        subscriber.onError(failure);
                    } catch (Throwable t) {
                        LOG.log(System.Logger.Level.WARNING, "a stream subscriber threw from onError: " + t, t);
                    }
                } else if (completed) {
                    terminated = true;
                    end();
                    try {
                        subscriber.onComplete();
                    } catch (Throwable t) {
                        LOG.log(System.Logger.Level.WARNING, "a stream subscriber threw from onComplete: " + t, t);
                    }
                } else {
                    T item;
                    while (!cancelled && error == null && demand.get() > 0 && (item = queue.poll()) != null) {
                        queued.decrementAndGet();
                        demand.decrementAndGet();
                        try {
                            subscriber.onNext(item);
                        } catch (Throwable t) {
                            misbehaved(t);
                        }
                    }
                }
            }
            if (terminated) {
                queue.clear();
                queued.set(0);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Rule 2.13: a subscriber that throws is treated as cancelled. */
    private void misbehaved(Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "a stream subscriber threw " + t + "; its stream is cancelled", t);
        cancelled = true;
        if (!terminated) {
            terminated = true;
            end();
        }
    }

    private void end() {
        try {
            onEnd.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ending a stream failed: " + e, e);
        }
    }
}
