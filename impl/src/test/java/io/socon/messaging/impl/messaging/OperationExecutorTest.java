package io.socon.messaging.impl.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Closing lets running operations finish (their stores are closed after them) and refuses the rest. */
class OperationExecutorTest {

    @Test
    void closeWaitsForRunningWorkFailsWaitingWorkAndRefusesNewWork() throws Exception {
        OperationExecutor ops = new OperationExecutor(1, 10);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        CompletableFuture<String> running = ops.submit(() -> {
            started.countDown();
            Thread.sleep(300);
            finished.set(true);
            return "done";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = ops.submit(() -> "should not run");

        ops.close();

        assertThat(finished).as("close returned after the running operation").isTrue();
        assertThat(running.get(1, TimeUnit.SECONDS)).isEqualTo("done");
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MessagingException.class)
                .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.CLOSED);
        assertThatThrownBy(() -> ops.submit(() -> "late").get(1, TimeUnit.SECONDS)).cause()
                .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.CLOSED);
    }
}
