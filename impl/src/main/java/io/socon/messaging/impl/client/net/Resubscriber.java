package io.socon.messaging.impl.client.net;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.socon.messaging.impl.netty.EventLoops;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The engine of {@link GroupMessageStream} and {@link WelcomeStream}: one server-streaming subscription over a
 * set of topics (group ids or installation keys), each with a cursor, that delivers every message exactly once
 * and in id order per topic, across resubscriptions and reconnects.
 *
 * <p><b>Exactly once.</b> The stream keeps a high-water mark per topic: the highest id it has handed to the
 * consumer (at first the caller's cursor). A single delivery thread hands messages over and drops any id at or
 * below its topic's mark. Every subscription is opened with the marks as its cursors, and the node sends each
 * topic gap-free in id order after a cursor, so whatever order the messages of an old and a new subscription
 * interleave in, the first one above the mark is always the next one of its topic.
 *
 * <p><b>Resubscribing</b> (a topic was added): as libxmtp does, open the new subscription with the full filter set
 * first, then cancel the old one once the node has answered the new one (its headers arrive); both feed the same
 * queue meanwhile. <b>Reconnecting</b> (the subscription failed or ended): subscribe again from the marks after an
 * exponential back-off with jitter; the back-off starts over once a subscription delivered a message or stayed up
 * for {@link #STABLE}. Refusals ({@link StatusPolicy#resubscribe}) stop the stream in {@link StreamState#FAILED}.
 *
 * <p><b>Flow control.</b> gRPC's threads never block: a subscription asks the node for one message at a time
 * ({@code request(1)}) and asks for the next only while the queue holds fewer than its capacity; otherwise it pauses
 * and the delivery thread resumes it as the queue drains. The queue so holds at most capacity plus one message per
 * open subscription, and a slow consumer slows the node's sending down through HTTP/2 flow control.
 *
 * @param <Q> the subscribe request
 * @param <M> the streamed message
 */
final class Resubscriber<Q, M> {

    /** How the engine reads one kind of subscription. */
    interface Wire<Q, M> {
        MethodDescriptor<Q, M> method();

        /** The subscribe request for these topics and cursors. */
        Q request(Map<ByteString, Long> cursors);

        /** The message's topic, or null for a message this client cannot read (an unknown version). */
        ByteString topic(M message);

        long id(M message);
    }

    /** A subscription that stays up this long has worked: the next reconnect starts the back-off over. */
    static final Duration STABLE = Duration.ofSeconds(5);

    private static final Logger LOG = System.getLogger(Resubscriber.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Channel channel;
    private final Runnable resetConnectBackoff;
    private final ScheduledExecutorService scheduler;
    private final Wire<Q, M> wire;
    private final Consumer<? super M> consumer;
    private final StreamListener listener;
    private final Backoff backoff;
    private final int capacity;
    private final Consumer<Resubscriber<?, ?>> onClosed;

    private final ConcurrentHashMap<ByteString, Long> highWater = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<M> queue = new LinkedBlockingQueue<>();
    private final CopyOnWriteArrayList<Subscription> live = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Thread deliverer;

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicInteger maxQueued = new AtomicInteger();

    // guarded by lock
    private Subscription current;
    private ScheduledFuture<?> pendingReconnect;
    private int attempt;

    private volatile StreamState state = StreamState.CONNECTING;
    private volatile boolean closed;

    Resubscriber(String name, Channel channel, Runnable resetConnectBackoff, ScheduledExecutorService scheduler,
            Map<ByteString, Long> cursors, Wire<Q, M> wire, Consumer<? super M> consumer, StreamListener listener,
            Backoff backoff, int capacity, Consumer<Resubscriber<?, ?>> onClosed) {
        this.channel = channel;
        this.resetConnectBackoff = resetConnectBackoff;
        this.scheduler = scheduler;
        this.wire = wire;
        this.consumer = consumer;
        this.listener = listener;
        this.backoff = backoff;
        this.capacity = capacity;
        this.onClosed = onClosed;
        highWater.putAll(cursors);
        deliverer = Thread.ofVirtual().name("socon-" + name + "-stream-" + THREADS.incrementAndGet())
                .unstarted(this::deliverLoop);
    }

    /** Starts the delivery thread and the first subscription. */
    void start() {
        deliverer.start();
        try {
            synchronized (lock) {
                open();
            }
        } finally {
            // the call starts on the caller's thread, often a pool thread not ours
            EventLoops.releaseThreadLocals();
        }
    }

    /**
     * Adds topics; a topic that is new makes the stream resubscribe with the full filter set. For a topic already
     * streamed the higher of the two cursors wins, without a resubscription.
     *
     * @throws IllegalStateException if the stream is closed
     */
    void addTopics(Map<ByteString, Long> topics) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the stream is closed");
            }
            boolean added = false;
            for (Map.Entry<ByteString, Long> topic : topics.entrySet()) {
                Long before = highWater.putIfAbsent(topic.getKey(), topic.getValue());
                if (before == null) {
                    added = true;
                } else if (topic.getValue() > before) {
                    highWater.merge(topic.getKey(), topic.getValue(), Math::max);
                }
            }
            // while reconnecting the next subscription takes the new topics along; a failed stream stays down
            if (added && current != null) {
                try {
                    open();
                } finally {
                    EventLoops.releaseThreadLocals();
                }
            }
        }
    }

    /** The highest id delivered for a topic (its cursor until then), or empty for a topic not streamed. */
    OptionalLong highWaterMark(ByteString topic) {
        Long mark = highWater.get(topic);
        return mark == null ? OptionalLong.empty() : OptionalLong.of(mark);
    }

    StreamState state() {
        return state;
    }

    long reconnects() {
        return reconnects.get();
    }

    long subscriptions() {
        return subscriptions.get();
    }

    long delivered() {
        return delivered.get();
    }

    long duplicatesDropped() {
        return duplicates.get();
    }

    int maxQueued() {
        return maxQueued.get();
    }

    int openSubscriptions() {
        return live.size();
    }

    /** Cancels the subscriptions and stops the delivery thread; no message is delivered after it returns. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            state = StreamState.CLOSED;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
                pendingReconnect = null;
            }
            for (Subscription subscription : live) {
                subscription.cancel("closed by the client");
            }
            live.clear();
            current = null;
            EventLoops.releaseThreadLocals();
        }
        deliverer.interrupt();
        if (Thread.currentThread() != deliverer) {
            try {
                if (!deliverer.join(Duration.ofSeconds(5))) {
                    LOG.log(Level.WARNING, "the consumer of " + wire.method().getBareMethodName()
                            + " did not return within 5 s of close()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
        onClosed.accept(this);
    }

    // ------------------------------------------------------------ subscriptions (called under lock)

    private void open() {
        Subscription subscription = new Subscription();
        live.add(subscription);
        current = subscription;
        subscriptions.incrementAndGet();
        subscription.start(wire.request(new LinkedHashMap<>(highWater)));
    }

    private void reconnect() {
        synchronized (lock) {
            pendingReconnect = null;
            if (closed || current != null || state == StreamState.FAILED) {
                return;
            }
            reconnects.incrementAndGet();
            // skip the channel's own connect back-off (up to 2 minutes): ours paces the attempts
            resetConnectBackoff.run();
            state = StreamState.CONNECTING;
            open();
        }
    }

    // ------------------------------------------------------------ gRPC callbacks

    private void answered(Subscription subscription) {
        boolean connected;
        synchronized (lock) {
            if (closed || subscription != current) {
                return;
            }
            subscription.answeredAt = System.nanoTime();
            for (Subscription older : live) {
                if (older != subscription) {
                    older.cancel("replaced by a subscription with more filters");
                    live.remove(older);
                }
            }
            connected = state != StreamState.CONNECTED;
            state = StreamState.CONNECTED;
        }
        if (connected) {
            notify(() -> listener.onConnected());
        }
    }

    private void received(Subscription subscription, M message) {
        if (closed) {
            return;
        }
        subscription.received = true;
        queue.add(message);
        int size = queue.size();
        maxQueued.accumulateAndGet(size, Math::max);
        if (size < capacity) {
            subscription.call.request(1);
        } else {
            subscription.paused.set(true);
            // the delivery thread may have drained the queue between the check and the pause
            if (queue.size() < capacity) {
                subscription.resume();
            }
        }
    }

    private void ended(Subscription subscription, Status status) {
        NodeException cause;
        Duration delay = null;
        int attemptNumber;
        synchronized (lock) {
            live.remove(subscription);
            if (closed || subscription.cancelled || subscription != current) {
                // ours, or a replaced subscription ending on its own: the current one covers its topics
                return;
            }
            current = null;
            for (Subscription other : live) {
                other.cancel("resubscribing");
            }
            live.clear();
            boolean worked = subscription.received || (subscription.answeredAt != 0
                    && System.nanoTime() - subscription.answeredAt >= STABLE.toNanos());
            attempt = worked ? 1 : attempt + 1;
            attemptNumber = attempt;
            boolean again = StatusPolicy.resubscribe(status);
            String said = status.isOk() ? "the node ended the stream" : StatusPolicy.describe(status);
            cause = new NodeException(wire.method().getFullMethodName(), status.getCode(), said, again, 1,
                    status.isOk() ? null : status.asRuntimeException());
            if (again) {
                delay = backoff.delay(attempt, ThreadLocalRandom.current());
                state = StreamState.RECONNECTING;
                pendingReconnect = scheduler.schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                state = StreamState.FAILED;
            }
        }
        if (delay != null) {
            Duration wait = delay;
            LOG.log(Level.DEBUG, () -> cause.getMessage() + "; subscribing again in " + wait.toMillis()
                    + " ms (attempt " + attemptNumber + ")");
            notify(() -> listener.onReconnecting(cause, attemptNumber, wait));
        } else {
            LOG.log(Level.WARNING, "stream stopped: " + cause.getMessage());
            notify(() -> listener.onFailed(cause));
        }
    }

    private void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a stream listener failed", e);
        }
    }

    // ------------------------------------------------------------ delivery thread

    private void deliverLoop() {
        try {
            while (!closed) {
                M message = queue.take();
                if (queue.size() < capacity) {
                    for (Subscription subscription : live) {
                        subscription.resume();
                    }
                }
                deliver(message);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void deliver(M message) {
        ByteString topic = wire.topic(message);
        if (topic == null) {
            LOG.log(Level.WARNING, "skipped a streamed message of a version this client cannot read");
            return;
        }
        long id = wire.id(message);
        boolean[] fresh = new boolean[1];
        highWater.computeIfPresent(topic, (key, mark) -> {
            if (id > mark) {
                fresh[0] = true;
                return id;
            }
            return mark;
        });
        if (!fresh[0]) {
            duplicates.incrementAndGet();
            return;
        }
        if (closed) {
            return;
        }
        try {
            consumer.accept(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the stream consumer failed on message " + id + "; going on with the next one", e);
        }
        delivered.incrementAndGet();
    }

    /** One subscribe call. Its start, cancel and resume happen under the engine's lock or are thread-safe. */
    private final class Subscription extends ClientCall.Listener<M> {
        final ClientCall<Q, M> call = channel.newCall(wire.method(), CallOptions.DEFAULT);
        final AtomicBoolean paused = new AtomicBoolean();
        volatile boolean cancelled;
        volatile boolean received;
        volatile long answeredAt;

        void start(Q request) {
            call.start(this, new Metadata());
            call.sendMessage(request);
            call.halfClose();
            call.request(1);
        }

        void cancel(String why) {
            cancelled = true;
            call.cancel(why, null);
        }

        /** Asks for the next message if this subscription was paused by a full queue. */
        void resume() {
            if (paused.compareAndSet(true, false)) {
                call.request(1);
            }
        }

        @Override
        public void onHeaders(Metadata headers) {
            answered(this);
        }

        @Override
        public void onMessage(M message) {
            received(this, message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            ended(this, status);
        }
    }
}
