package io.socon.messaging.impl.node.stream;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One server-streaming subscription: replays each topic's history after its cursor, then goes live,
 * with no gap and no duplicate across the switch.
 *
 * <p>How: the stream registers with the {@link TopicHub} before it reads any history, keeps the highest
 * id sent per topic, and drops anything at or below it. Live records wait in a bounded queue; when a
 * slow reader lets it fill, the queue is dropped and the stream reads the missed records back from the
 * database, so memory stays bounded and nothing is lost. Runs on its own (virtual) thread and respects
 * gRPC flow control.
 *
 * @param <R> the stored record type
 * @param <W> the wire message type
 */
public final class LiveStream<R, W> implements TopicHub.Listener<R> {

    /** Reads a topic's stored records with ids greater than {@code afterId}, ascending. */
    @FunctionalInterface
    public interface HistoryReader<R> {
        List<R> after(ByteString topic, long afterId, int limit);
    }

    private static final int HISTORY_PAGE = 100;
    private static final int QUEUE_BATCHES = 256;

    private record Batch<R>(ByteString topic, List<R> records) {
    }

    private final ServerCallStreamObserver<W> out;
    private final TopicHub<R> hub;
    private final Map<ByteString, Long> sentUpTo;
    private final HistoryReader<R> history;
    private final ToLongFunction<R> idOf;
    private final Function<R, W> toWire;
    private final BlockingQueue<Batch<R>> live = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Semaphore readiness = new Semaphore(0);
    private volatile boolean overflowed;
    private volatile boolean cancelled;
    private volatile Thread runner;

    /**
     * @param cursors each topic with the exclusive id to replay from
     */
    public LiveStream(ServerCallStreamObserver<W> out, TopicHub<R> hub, Map<ByteString, Long> cursors,
            HistoryReader<R> history, ToLongFunction<R> idOf, Function<R, W> toWire) {
        this.out = out;
        this.hub = hub;
        this.sentUpTo = new LinkedHashMap<>(cursors);
        this.history = history;
        this.idOf = idOf;
        this.toWire = toWire;
        out.setOnReadyHandler(readiness::release);
        out.setOnCancelHandler(() -> {
            cancelled = true;
            Thread thread = runner;
            if (thread != null) {
                thread.interrupt();
            }
        });
    }

    @Override
    public void deliver(ByteString topic, List<R> records) {
        if (!live.offer(new Batch<>(topic, records))) {
            overflowed = true;
        }
    }

    /** Runs the stream until the client cancels or the node stops; call on a dedicated thread. */
    public void run() {
        runner = Thread.currentThread();
        hub.subscribe(sentUpTo.keySet(), this);
        try {
            for (ByteString topic : sentUpTo.keySet()) {
                catchUp(topic);
            }
            while (!cancelled) {
                if (overflowed) {
                    overflowed = false;
                    live.clear();
                    for (ByteString topic : sentUpTo.keySet()) {
                        catchUp(topic);
                    }
                }
                Batch<R> batch = live.poll(1, TimeUnit.SECONDS);
                if (batch != null) {
                    send(batch.topic(), batch.records());
                }
            }
        } catch (InterruptedException e) {
            // cancelled by the client or stopped by the node
        } catch (RuntimeException e) {
            if (!cancelled) {
                out.onError(Status.UNAVAILABLE.withDescription("subscription failed: " + e.getMessage())
                        .asRuntimeException());
            }
            return;
        } finally {
            hub.unsubscribe(sentUpTo.keySet(), this);
        }
        if (!cancelled) {
            out.onError(Status.UNAVAILABLE.withDescription("the node is shutting down; resubscribe").asRuntimeException());
        }
    }

    /** Stops the stream from the node's side (shutdown). */
    public void stop() {
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void catchUp(ByteString topic) throws InterruptedException {
        while (!cancelled) {
            List<R> page = history.after(topic, sentUpTo.get(topic), HISTORY_PAGE);
            send(topic, page);
            if (page.size() < HISTORY_PAGE) {
                return;
            }
        }
    }

    private void send(ByteString topic, List<R> records) throws InterruptedException {
        ArrayDeque<R> pending = new ArrayDeque<>(records);
        while (!pending.isEmpty() && !cancelled) {
            R record = pending.poll();
            long id = idOf.applyAsLong(record);
            if (id <= sentUpTo.get(topic)) {
                continue;
            }
            awaitReady();
            if (cancelled) {
                return;
            }
            out.onNext(toWire.apply(record));
            sentUpTo.put(topic, id);
        }
    }

    private void awaitReady() throws InterruptedException {
        while (!out.isReady() && !cancelled) {
            readiness.tryAcquire(200, TimeUnit.MILLISECONDS);
        }
    }
}
