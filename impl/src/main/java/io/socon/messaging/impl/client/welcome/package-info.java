/**
 * XMTP's outer encryption of MLS welcomes, both ways: {@link io.socon.messaging.impl.client.welcome.WelcomeWrapper}
 * wraps a TLS MLSMessage(Welcome) with its {@code WelcomeMetadata} for one installation, as libxmtp 1.10 does, and
 * unwraps what libxmtp sends us. Curve25519 (DHKEM X25519) and X-Wing (draft 06, via Bouncy Castle) are
 * supported; welcome pointers are not.
 */
package io.socon.messaging.impl.client.welcome;
