/**
 * The relay node: XMTP V3's {@code xmtp.mls.api.v1.MlsApi} and {@code xmtp.identity.api.v1.IdentityApi}
 * served over gRPC on an embedded server (port 5556 by default), so that any official XMTP client can
 * use it.
 *
 * <p>It validates what it is given (identity updates, key packages, MLS message headers) so that
 * nothing forged is stored, assigns ids that only grow, serves paged queries and live subscriptions,
 * and enforces size and rate limits. It runs inside a Jakarta server or standalone.
 */
package io.socon.messaging.impl.node;
