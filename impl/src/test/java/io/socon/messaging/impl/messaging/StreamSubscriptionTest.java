package io.socon.messaging.impl.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's stream rules for one subscriber: demand, the bounded buffer, completion, cancellation. */
class StreamSubscriptionTest {

    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static final class Recorder implements Flow.Subscriber<Integer> {
        final List<Integer> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicBoolean completed = new AtomicBoolean();
        volatile Flow.Subscription subscription;
        final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(Integer item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            completed.set(true);
            ended.countDown();
        }
    }

    static void eventually(Runnable check) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void deliversOnlyWhatWasRequestedInOrder() throws Exception {
        Recorder r = new Recorder(2);
        AtomicBoolean ended = new AtomicBoolean();
        StreamSubscription<Integer> s = new StreamSubscription<>(r, 10, executor, () -> ended.set(true));
        s.start();
        for (int i = 1; i <= 5; i++) {
            assertThat(s.offer(i)).isTrue();
        }
        eventually(() -> assertThat(r.items).containsExactly(1, 2));
        Thread.sleep(100);
        assertThat(r.items).as("no more than requested").containsExactly(1, 2);
        r.subscription.request(10);
        eventually(() -> assertThat(r.items).containsExactly(1, 2, 3, 4, 5));
        s.complete();
        assertThat(r.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.completed).isTrue();
        assertThat(ended).isTrue();
        assertThat(s.offer(6)).isFalse();
    }

    @Test
    void aFullBufferEndsTheStreamWithStreamOverflow() throws Exception {
        Recorder r = new Recorder(0);
        AtomicBoolean ended = new AtomicBoolean();
        StreamSubscription<Integer> s = new StreamSubscription<>(r, 3, executor, () -> ended.set(true));
        s.start();
        assertThat(r.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(s.offer(1) && s.offer(2) && s.offer(3)).isTrue();
        assertThat(s.offer(4)).isFalse();
        assertThat(r.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.error.get()).isInstanceOf(MessagingException.class);
        assertThat(((MessagingException) r.error.get()).code()).isEqualTo(ErrorCode.STREAM_OVERFLOW);
        assertThat(r.items).isEmpty();
        assertThat(ended).isTrue();
        assertThat(s.live()).isFalse();
    }

    @Test
    void aNonPositiveRequestEndsTheStreamAndCancelStopsDelivery() throws Exception {
        Recorder bad = new Recorder(0);
        StreamSubscription<Integer> s = new StreamSubscription<>(bad, 3, executor, () -> { });
        s.start();
        assertThat(bad.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        bad.subscription.request(0);
        assertThat(bad.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");

        Recorder quitter = new Recorder(Long.MAX_VALUE);
        AtomicBoolean ended = new AtomicBoolean();
        StreamSubscription<Integer> t = new StreamSubscription<>(quitter, 3, executor, () -> ended.set(true));
        t.start();
        t.offer(1);
        eventually(() -> assertThat(quitter.items).containsExactly(1));
        quitter.subscription.cancel();
        eventually(() -> assertThat(ended).isTrue());
        assertThat(t.offer(2)).isFalse();
        Thread.sleep(50);
        assertThat(quitter.items).containsExactly(1);
        assertThat(quitter.ended.getCount()).as("no signal after cancel").isEqualTo(1);
    }
}
