/**
 * MLS message framing (RFC 9420 section 6): the framed content records
 * ({@link io.socon.messaging.impl.mls.framing.FramedContent} with its
 * {@link io.socon.messaging.impl.mls.framing.Sender} and
 * {@link io.socon.messaging.impl.mls.framing.MessageContent},
 * {@link io.socon.messaging.impl.mls.framing.FramedContentAuthData},
 * {@link io.socon.messaging.impl.mls.framing.AuthenticatedContent}), the two wire forms
 * {@link io.socon.messaging.impl.mls.framing.PublicMessage} and
 * {@link io.socon.messaging.impl.mls.framing.PrivateMessage}, and the
 * {@link io.socon.messaging.impl.mls.framing.MessageHeaderReader}, which reads group id, epoch and content
 * type of a public or private message without group state. All records encode back to the bytes they were
 * decoded from. Protecting and unprotecting messages lives in {@code mls.protection}.
 */
package io.socon.messaging.impl.mls.framing;
