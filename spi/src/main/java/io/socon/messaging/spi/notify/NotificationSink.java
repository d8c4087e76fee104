package io.socon.messaging.spi.notify;

import java.util.concurrent.CompletionStage;

/**
 * Tells host users without a live connection that a message arrived. Every installed sink receives every
 * notification it {@link #accepts accepts} (fan-out, not first-wins). Inside a Jakarta server sinks are CDI
 * beans; elsewhere they are passed to the bootstrap.
 *
 * <p><b>Asynchronous.</b> {@link #deliver} returns at once and completes when the notification is handed
 * over (or has finally failed); Socon Messaging never waits for it on a messaging thread. A sink that retries
 * does so inside its stage. Failures are logged with the notification id and not retried by the caller.
 *
 * <p><b>At least once.</b> A notification may be delivered twice (after a restart, say); use
 * {@link Notification#id()} to drop duplicates.
 *
 * <p><b>Evolution.</b> Everything but {@link #deliver} is a {@code default} hook, so sinks keep compiling as
 * hooks are added.
 *
 * <p>Defaults in {@code impl}: {@link NotificationSinks#none()} when nothing is configured; a CDI event
 * ({@code @Observes Notification}) inside a server; and an HTTP webhook following the
 * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> contract described in
 * {@link WebhookSignature}.
 */
public interface NotificationSink {

    /**
     * Hands the notification over (to a push service, a queue, a webhook).
     *
     * @return completes normally once handed over, exceptionally if it could not be
     */
    CompletionStage<Void> deliver(Notification notification);

    /** A short name for logs. The class's simple name by default. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether this sink wants the notification (e.g. only DMs, only some users). All by default. Must be quick. */
    default boolean accepts(Notification notification) {
        return true;
    }

    /** Releases resources (HTTP clients, threads) when Socon Messaging stops. No-op by default. */
    default void close() {
    }
}
