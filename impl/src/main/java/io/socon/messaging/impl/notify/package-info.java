/**
 * Notification sinks that need no Jakarta APIs: the signed HTTP webhook ({@link
 * io.socon.messaging.impl.notify.WebhookNotificationSink}) and its JSON form of a notification. The CDI event sink
 * lives in {@code impl.jakarta}.
 */
package io.socon.messaging.impl.notify;
