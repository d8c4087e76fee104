/**
 * MLS message framing (RFC 9420 section 6): {@link io.socon.messaging.impl.mls.framing.PrivateMessage} and
 * the {@link io.socon.messaging.impl.mls.framing.MessageHeaderReader}, which reads group id, epoch and
 * content type of a public or private message without group state.
 */
package io.socon.messaging.impl.mls.framing;
