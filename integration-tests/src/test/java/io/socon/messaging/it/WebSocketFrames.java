package io.socon.messaging.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects the JSON text frames and the close of one WebSocket connection (the JDK's client), for the ITs. */
public final class WebSocketFrames implements WebSocket.Listener {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    /** How the connection closed: {@code "<code> <reason>"}, or {@code "error ..."}. */
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                frames.add(reader.readObject());
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete("error " + error);
    }

    /** The frames received and not yet taken by {@link #next}. */
    public java.util.List<JsonObject> received() {
        return java.util.List.copyOf(frames);
    }

    /** The next frame that matches, waiting at most {@code timeout}. */
    public JsonObject next(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame within " + timeout + "; closed: "
                        + closed.getNow("no") + "; other frames: " + frames);
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }
}
