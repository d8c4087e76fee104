package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the API's operations: each on a virtual thread of its own (they block on the node, the database and the
 * vault), at most {@code maxConcurrent} at once; up to {@code maxWaiting} more wait for a turn, and beyond that a
 * call fails at once with {@code RATE_LIMITED} instead of queueing without bound. Failures complete the stage
 * with a {@link MessagingException} (see {@link Failures}).
 */
final class OperationExecutor implements AutoCloseable {

    /** How long {@link #close} waits for running operations. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(OperationExecutor.class.getName());

    private final Semaphore permits;
    private final int maxConcurrent;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ThreadFactory threads = Thread.ofVirtual().name("socon-messaging-", 0).factory();
    private volatile boolean closed;

    OperationExecutor(int maxConcurrent, int maxWaiting) {
        if (maxConcurrent < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1 and maxWaiting not negative");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Runs {@code work} on its own virtual thread once a permit is free; fails at once with {@code RATE_LIMITED}
     * when too many calls wait already.
     */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new MessagingException(ErrorCode.CLOSED, "Socon Messaging is closed"));
            return result;
        }
        if (waiting.incrementAndGet() > maxWaiting + permits.availablePermits()) {
            waiting.decrementAndGet();
            result.completeExceptionally(new RateLimitedException("this server runs too many messaging operations"
                    + " at once; try again shortly", Duration.ofSeconds(1)));
            return result;
        }
        start(work, result);
        return result;
    }

    /**
     * Runs background work (a sync a node event asked for) with the same bound on concurrency but never refused
     * for waiting; failures are the work's own business.
     */
    void background(Runnable work) {
        if (closed) {
            return;
        }
        waiting.incrementAndGet();
        start(() -> {
            work.run();
            return null;
        }, new CompletableFuture<>());
    }

    private <T> void start(Callable<T> work, CompletableFuture<T> result) {
        threads.newThread(() -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                waiting.decrementAndGet();
                result.completeExceptionally(new MessagingException(ErrorCode.CLOSED, "interrupted while waiting"));
                return;
            }
            waiting.decrementAndGet();
            if (closed) {
                permits.release();
                result.completeExceptionally(new MessagingException(ErrorCode.CLOSED, "Socon Messaging is closed"));
                return;
            }
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(Failures.map(e));
            } finally {
                permits.release();
            }
        }).start();
    }

    /**
     * Refuses new work, fails the work still waiting for a turn with {@code CLOSED}, and waits up to
     * {@link #CLOSE_WAIT} for running work to finish, so that the stores it uses are closed after it.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (permits.tryAcquire(maxConcurrent, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                permits.release(maxConcurrent);
            } else {
                LOG.log(System.Logger.Level.WARNING, (maxConcurrent - permits.availablePermits())
                        + " messaging operation(s) still running after " + CLOSE_WAIT.toSeconds() + " s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
