/**
 * Notification SPI: how host users without a live connection hear of new messages.
 * {@link io.socon.messaging.spi.notify.NotificationSink}s receive immutable
 * {@link io.socon.messaging.spi.notify.Notification}s (no plaintext unless previews are enabled) and deliver
 * them asynchronously. {@link io.socon.messaging.spi.notify.NotificationSinks} has the JDK-only defaults (none,
 * logging); {@link io.socon.messaging.spi.notify.WebhookSignature} fixes the signed-webhook contract that the
 * webhook sink in {@code impl} implements.
 */
package io.socon.messaging.spi.notify;
