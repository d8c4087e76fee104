/**
 * The secret tree of RFC 9420 section 9 for cipher suite 3: per-leaf handshake and application hash ratchets
 * derived from the epoch's encryption secret ({@link io.socon.messaging.impl.mls.secret.SecretTree}), the
 * keys and nonces they yield ({@link io.socon.messaging.impl.mls.secret.RatchetKey}, with the reuse guard),
 * the bounded out-of-order window ({@link io.socon.messaging.impl.mls.secret.RatchetConfig}) and the sender
 * data keys of section 6.3.2 ({@link io.socon.messaging.impl.mls.secret.SenderDataKeys}).
 *
 * <p>Secrets are deleted (overwritten with zeros) as soon as what they derive has been derived, and keys as
 * soon as they have been handed out, so a compromise later in the epoch does not expose earlier messages.
 * The tree serializes to bytes with a version byte for durable state.
 */
package io.socon.messaging.impl.mls.secret;
