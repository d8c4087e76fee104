/**
 * The client's connection to an XMTP V3 node: {@link io.socon.messaging.impl.client.net.NodeConnection} makes the
 * unary {@code MlsApi} and {@code IdentityApi} calls libxmtp makes (typed, paged, retried on transient failures,
 * failing with {@link io.socon.messaging.impl.client.net.NodeException}) and opens the two subscriptions as
 * self-healing streams, {@link io.socon.messaging.impl.client.net.GroupMessageStream} and
 * {@link io.socon.messaging.impl.client.net.WelcomeStream}, which deliver every message exactly once in id order
 * per group across resubscriptions, dropped connections and node restarts.
 *
 * <p>Wire types ({@code io.socon.messaging.impl.wire}) appear in its signatures: it is the client engine's
 * transport, not part of the public API.
 */
package io.socon.messaging.impl.client.net;
