package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.SignatureRequiredException;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import io.socon.messaging.impl.jakarta.rest.json.StreamEventJson;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One stream connection: subscribes to its inbox's message and conversation streams with a small, bounded
 * demand, turns each item into a JSON text frame and sends the frames one at a time with the asynchronous remote
 * (the next when the previous is written). A client that falls more than {@value #MAX_QUEUED} frames behind is
 * closed with 1008 (policy violation); it reconnects and reloads through REST.
 */
final class StreamConnection {

    /** Most frames waiting for a slow client before it is closed. */
    static final int MAX_QUEUED = 1000;

    /** Items requested from each stream ahead of what was delivered. */
    static final int DEMAND = 32;

    /** Longest text frame accepted from the client. */
    static final int MAX_CLIENT_FRAME = 4096;

    private static final Logger LOG = System.getLogger(StreamConnection.class.getName());
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final byte[] PING = "socon".getBytes(StandardCharsets.US_ASCII);

    private final Session session;
    private final StreamHub hub;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Flow.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private volatile CloseReason closeWhenDrained;
    /** Whether both streams are subscribed; pongs wait for it, so a pong tells the client the stream is live. */
    private volatile boolean live;
    private final AtomicInteger pongsOwed = new AtomicInteger();

    StreamConnection(Session session, StreamHub hub) {
        this.session = session;
        this.hub = hub;
        session.setMaxTextMessageBufferSize(MAX_CLIENT_FRAME);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::received);
    }

    /** Opens the inbox and subscribes to its streams. */
    void start(Supplier<CompletionStage<Inbox>> opening) {
        CompletionStage<Inbox> stage;
        try {
            stage = opening.get();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        stage.whenComplete((inbox, failure) -> {
            if (failure != null) {
                fail(failure);
                return;
            }
            if (closing) {
                return;
            }
            inbox.messageStream().subscribe(new Forward<>(
                    m -> send(StreamEventJson.message(JsonMapping.message(m)))));
            inbox.conversationStream().subscribe(new Forward<>(
                    c -> ConversationViews.view(c).whenComplete((view, viewFailure) -> {
                        if (view != null) {
                            send(StreamEventJson.conversation(view));
                        } else {
                            LOG.log(Level.WARNING, "A new conversation could not be shown on the stream", viewFailure);
                        }
                    })));
            live = true;
            for (int owed = pongsOwed.getAndSet(0); owed > 0; owed--) {
                send(StreamEventJson.pong());
            }
        });
    }

    /** A frame from the client: only {@code {"event":"ping"}} means something. */
    private void received(String text) {
        try {
            Requests.ClientFrame frame = RestJson.jsonb().fromJson(text, Requests.ClientFrame.class);
            if (frame != null && "ping".equals(frame.event())) {
                if (live) {
                    send(StreamEventJson.pong());
                } else {
                    pongsOwed.incrementAndGet();
                    if (live && pongsOwed.getAndSet(0) > 0) {
                        send(StreamEventJson.pong());
                    }
                }
            }
        } catch (RuntimeException e) {
            // not JSON: ignored, as any frame other than a ping
        }
    }

    void send(StreamEventJson event) {
        if (!closing) {
            enqueue(RestJson.write(event));
        }
    }

    private void enqueue(String frame) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            LOG.log(Level.INFO, "Closing a stream whose client fell " + MAX_QUEUED + " frames behind");
            closeNow(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "too slow: more than " + MAX_QUEUED + " frames queued; reconnect"));
            return;
        }
        queue.add(frame);
        drain();
    }

    /** Sends the next frame unless one is being written; called again when it is. */
    private void drain() {
        while (true) {
            if (ended.get() || !sending.compareAndSet(false, true)) {
                return;
            }
            String frame = queue.poll();
            if (frame == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    CloseReason reason = closeWhenDrained;
                    if (reason != null) {
                        closeNow(reason);
                    }
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            try {
                session.getAsyncRemote().sendText(frame, this::sent);
            } catch (RuntimeException e) {
                sending.set(false);
                end();
            }
            return;
        }
    }

    private void sent(SendResult result) {
        sending.set(false);
        if (!result.isOK()) {
            end();
            return;
        }
        int[] depth = DEPTH.get();
        if (depth[0] > 8) {
            // the container completed the send on the calling thread: continue elsewhere, not ever deeper
            hub.background(this::drain);
            return;
        }
        depth[0]++;
        try {
            drain();
        } finally {
            depth[0]--;
        }
    }

    /** Sends a WebSocket ping unless a frame is being written (then the client is evidently there). */
    void ping() {
        if (closing || ended.get() || !session.isOpen() || !sending.compareAndSet(false, true)) {
            return;
        }
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
        } catch (IOException | RuntimeException e) {
            sending.set(false);
            end();
            return;
        }
        sending.set(false);
        drain();
    }

    /** Reports a failure to the client and closes the connection. */
    void fail(Throwable failure) {
        Throwable cause = Problems.unwrap(failure);
        if (cause instanceof RestProblemException p) {
            fail(ErrorCode.valueOf(p.problem().code()), p.problem().detail(),
                    p.problem().status() == 503 ? CloseReason.CloseCodes.TRY_AGAIN_LATER
                            : CloseReason.CloseCodes.UNEXPECTED_CONDITION);
            return;
        }
        ErrorCode code = cause instanceof MessagingException m ? m.code()
                : cause instanceof InvalidValueException v ? v.code() : ErrorCode.INTERNAL;
        String message = cause instanceof SignatureRequiredException
                ? "the wallet must sign a challenge first: GET the inbox through REST and submit the signature"
                : cause.getMessage();
        if (Problems.hidesMessage(code)) {
            LOG.log(code == ErrorCode.INTERNAL ? Level.ERROR : Level.WARNING, "A stream failed with " + code, cause);
        }
        CloseReason.CloseCode close = switch (code) {
            case STREAM_OVERFLOW, IDENTITY_NOT_AVAILABLE, WALLET_SIGNATURE_REQUIRED -> CloseReason.CloseCodes.VIOLATED_POLICY;
            case CLOSED -> CloseReason.CloseCodes.GOING_AWAY;
            default -> code.retryable() ? CloseReason.CloseCodes.TRY_AGAIN_LATER
                    : CloseReason.CloseCodes.UNEXPECTED_CONDITION;
        };
        fail(code, Problems.safeDetail(code, message), close);
    }

    /** Sends {@code {"event":"error"}} and closes the connection once it is written. */
    void fail(ErrorCode code, String detail, CloseReason.CloseCode close) {
        if (closing) {
            return;
        }
        closing = true;
        cancelSubscriptions();
        closeWhenDrained = new CloseReason(close, code.name());
        queued.incrementAndGet();
        queue.add(RestJson.write(StreamEventJson.error(code.name(), detail)));
        drain();
        hub.later(() -> closeNow(closeWhenDrained), 5, TimeUnit.SECONDS);
    }

    /** Stops the streams and closes the connection (off the calling thread). */
    void closeNow(CloseReason reason) {
        closing = true;
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancelSubscriptions();
        hub.remove(this);
        hub.background(() -> {
            try {
                if (session.isOpen()) {
                    session.close(reason);
                }
            } catch (IOException | RuntimeException e) {
                // the peer is gone already
            }
        });
    }

    /** The container closed the connection. */
    void closed() {
        end();
    }

    /** The container reported an I/O failure. */
    void failed(Throwable failure) {
        LOG.log(Level.DEBUG, "A stream connection failed", failure);
        end();
        hub.background(() -> {
            try {
                if (session.isOpen()) {
                    session.close();
                }
            } catch (IOException | RuntimeException e) {
                // gone
            }
        });
    }

    private void end() {
        closing = true;
        if (ended.compareAndSet(false, true)) {
            cancelSubscriptions();
            hub.remove(this);
        }
    }

    private void cancelSubscriptions() {
        for (Flow.Subscription s : subscriptions) {
            try {
                s.cancel();
            } catch (RuntimeException e) {
                // cancelling is best effort
            }
        }
    }

    /** Forwards a stream's items, asking for one more for each one delivered. */
    private final class Forward<T> implements Flow.Subscriber<T> {

        private final Consumer<T> handler;
        private volatile Flow.Subscription subscription;

        Forward(Consumer<T> handler) {
            this.handler = handler;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscriptions.add(s);
            if (closing) {
                s.cancel();
                return;
            }
            s.request(DEMAND);
        }

        @Override
        public void onNext(T item) {
            try {
                handler.accept(item);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An item could not be sent on the stream", e);
            }
            if (!closing) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            fail(failure);
        }

        @Override
        public void onComplete() {
            fail(ErrorCode.CLOSED, "the inbox was closed; reconnect", CloseReason.CloseCodes.GOING_AWAY);
        }
    }
}
