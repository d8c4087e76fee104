/**
 * Messaging Layer Security (RFC 9420) as XMTP uses it: cipher suite 3 (X25519, ChaCha20-Poly1305,
 * SHA-256, Ed25519), the TLS presentation-language codec, ratchet tree and TreeKEM, key schedule,
 * secret tree, message framing, proposals and commits, Welcome and GroupInfo, key packages with
 * XMTP's custom extensions, and durable group state.
 *
 * <p>Built on Bouncy Castle primitives because no Java MLS library can carry XMTP's extensions or
 * persist a group (see the design notes). Sub-packages, each depending only on those before it:
 * {@code codec} (TLS presentation language), {@code crypto} (Ed25519, X25519, labelled signatures),
 * {@code struct} (MLS structures as immutable records), {@code framing} (framed messages and their
 * headers) and {@code xmtp} (XMTP's profile: key package validation and building). Only {@code xmtp}
 * knows XMTP inboxes; nothing here knows the node.
 */
package io.socon.messaging.impl.mls;
