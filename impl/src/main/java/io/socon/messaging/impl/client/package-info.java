/**
 * The XMTP client engine: registers an installation, creates and joins DMs and groups on top of
 * {@code mls}, encodes content types, wraps welcomes, syncs and streams messages from a node over
 * gRPC, and keeps its state through {@code store}.
 *
 * <p>It makes the same node calls, in the same order, as the reference client (libxmtp), so that it
 * works against XMTP's own nodes as well as ours.
 */
package io.socon.messaging.impl.client;
