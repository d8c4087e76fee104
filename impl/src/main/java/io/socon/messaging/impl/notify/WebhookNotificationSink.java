package io.socon.messaging.impl.notify;

import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import io.socon.messaging.spi.notify.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Posts each notification to an HTTP endpoint of the host, signed as Standard Webhooks prescribe (the contract is
 * on {@link WebhookSignature}): {@code POST} with the {@link NotificationJson JSON} body and the headers
 * {@code webhook-id} (the notification id, the same on every attempt), {@code webhook-timestamp} and
 * {@code webhook-signature} (made afresh for each attempt).
 *
 * <p>A 2xx answer means delivered. Any other answer, a connection failure or no answer within the timeout is
 * tried again after each wait of the retry schedule (by default 5 s, 30 s, 2 min, 10 min, 30 min), then given up
 * and logged; {@code 410 Gone} is not retried. The returned stage completes when the notification is delivered or
 * given up (exceptionally then).
 *
 * <p>The secret is never logged and not in {@link #toString()}; the URL is logged without its query. Thread-safe;
 * {@link #close()} stops pending retries.
 */
public final class WebhookNotificationSink implements NotificationSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookNotificationSink.class.getName());

    /** The contract's waits between attempts. */
    public static final List<Duration> DEFAULT_RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30));

    /** The contract's time to wait for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final WebhookSignature signature;
    private final List<Duration> retries;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;
    private volatile boolean closed;

    private WebhookNotificationSink(URI url, WebhookSignature signature, List<Duration> retries, Duration timeout,
            Clock clock) {
        this.url = url;
        this.signature = signature;
        this.retries = List.copyOf(retries);
        this.timeout = timeout;
        this.clock = clock;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socon-webhook-", 0).factory());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A sink posting to {@code url} with the contract's retries and timeout.
     *
     * @param secret the shared secret, {@code whsec_} and Base64 of 24 to 64 bytes
     * @throws IllegalArgumentException if the URL is not absolute http(s) or the secret is malformed
     */
    public static WebhookNotificationSink of(URI url, String secret) {
        return of(url, secret, DEFAULT_RETRIES, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /**
     * A sink with its own retry schedule (the waits before the 2nd, 3rd, ... attempt) and answer timeout.
     *
     * @throws IllegalArgumentException if the URL is not absolute http(s), the secret is malformed, or a wait or
     *     the timeout is not positive
     */
    public static WebhookNotificationSink of(URI url, String secret, List<Duration> retries, Duration timeout,
            Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL is an absolute http(s) URL, got " + redacted(url));
        }
        if (timeout.isNegative() || timeout.isZero() || retries.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("the webhook timeout and retry waits must be positive");
        }
        return new WebhookNotificationSink(url, WebhookSignature.fromSecret(secret), retries, timeout, clock);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public CompletionStage<Void> deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        byte[] body = NotificationJson.of(notification).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(notification.id().toString(), body, 0, done);
        return done;
    }

    private void attempt(String id, byte[] body, int attempt, CompletableFuture<Void> done) {
        if (closed || done.isDone()) {
            done.completeExceptionally(new IllegalStateException("the webhook sink is closed; notification " + id
                    + " was not delivered"));
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature.sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String outcome;
            if (failure == null) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    done.complete(null);
                    return;
                }
                if (status == 410) {
                    LOG.log(System.Logger.Level.WARNING, "webhook {0} answered 410 Gone for notification {1}; not"
                            + " retried", redacted(url), id);
                    done.completeExceptionally(new WebhookException("the webhook answered 410 Gone"));
                    return;
                }
                outcome = "HTTP " + status;
            } else {
                outcome = failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                        : ": " + failure.getMessage());
            }
            if (attempt >= retries.size()) {
                LOG.log(System.Logger.Level.WARNING, "webhook {0}: giving up notification {1} after {2} attempts;"
                        + " last: {3}", redacted(url), id, attempt + 1, outcome);
                done.completeExceptionally(new WebhookException("notification " + id + " not delivered after "
                        + (attempt + 1) + " attempts; last: " + outcome));
                return;
            }
            Duration wait = retries.get(attempt);
            LOG.log(System.Logger.Level.DEBUG, "webhook {0}: attempt {1} for notification {2} failed ({3});"
                    + " retrying in {4}", redacted(url), attempt + 1, id, outcome, wait);
            // the attempt only starts an asynchronous send, so the common pool's delay thread may run it
            CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> attempt(id, body, attempt + 1, done));
        });
    }

    /** The URL without user info and query, for logs. */
    static String redacted(URI url) {
        return (url.getScheme() == null ? "" : url.getScheme() + "://") + url.getHost()
                + (url.getPort() == -1 ? "" : ":" + url.getPort()) + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Stops retrying; deliveries waiting for a retry complete exceptionally. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "WebhookNotificationSink[" + redacted(url) + ", retries " + retries + ", secret hidden]";
    }

    /** A delivery that failed for good. */
    public static final class WebhookException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WebhookException(String message) {
            super(message);
        }
    }
}
