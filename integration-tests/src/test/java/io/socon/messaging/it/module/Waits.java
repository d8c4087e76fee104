package io.socon.messaging.it.module;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waiting in the container: for a stage, or until a condition holds. */
public final class Waits {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Waits() {
    }

    /** The stage's value, failing after {@link #TIMEOUT}. */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    /** Polls {@code check} until it returns a value other than null, failing after {@link #TIMEOUT}. */
    public static <T> T until(String what, Supplier<T> check) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
