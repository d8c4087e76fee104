/**
 * The implementation of the API's {@link io.socon.messaging.api.Messaging} for a server with many host users:
 * {@link io.socon.messaging.impl.messaging.MessagingService} (built with its builder, or by the Jakarta
 * producer), one lazily opened XMTP client per user on a shared node connection, one multiplexed pair of node
 * streams for all users, {@code Flow.Publisher} streams with bounded buffers, notifications for users without a
 * live stream, and the identity flow (custodial wallets, and challenges for users' own wallets).
 */
package io.socon.messaging.impl.messaging;
