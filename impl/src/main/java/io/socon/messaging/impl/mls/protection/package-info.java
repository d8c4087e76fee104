/**
 * Message protection (RFC 9420 section 6): signing framed content and adding the membership tag for
 * PublicMessage, and encrypting content and sender data for PrivateMessage with the epoch's secret tree and
 * sender data secret; and the reverse, which verifies everything before returning an
 * {@link io.socon.messaging.impl.mls.framing.AuthenticatedContent}.
 *
 * <p>{@link io.socon.messaging.impl.mls.protection.MessageProtector} holds one epoch's view; failures caused
 * by peers raise {@link io.socon.messaging.impl.mls.protection.MessageRejectedException}.
 */
package io.socon.messaging.impl.mls.protection;
