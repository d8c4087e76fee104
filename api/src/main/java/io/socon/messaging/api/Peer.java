package io.socon.messaging.api;

/**
 * Someone this inbox can talk to, named either by an XMTP {@link InboxId} or by an {@link EthereumAddress} that
 * is associated with an inbox. Methods that take a {@code Peer} accept both; an address is looked up on the
 * node (and fails with {@link ErrorCode#PEER_NOT_REACHABLE} if it has no inbox).
 */
public sealed interface Peer permits InboxId, EthereumAddress {
}
