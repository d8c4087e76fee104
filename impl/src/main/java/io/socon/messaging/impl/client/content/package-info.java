/**
 * Message content as XMTP encodes it: one {@link io.socon.messaging.impl.client.content.ContentCodec} per
 * content type, a registry that picks the codec by type id and undoes compression with a size limit
 * ({@link io.socon.messaging.impl.client.content.ContentCodecs}), the {@code PlaintextEnvelope} around it
 * ({@link io.socon.messaging.impl.client.content.PlaintextEnvelopes}), and the encryption of remote attachments
 * ({@link io.socon.messaging.impl.client.content.RemoteAttachmentCrypto}).
 *
 * <p>The type ids, parameters, content bytes, fallback texts and push flags are libxmtp 1.10's
 * ({@code crates/xmtp_content_types}). Where libxmtp's output is not deterministic (it keeps parameters in a hash
 * map), parameters are written in the order of XMTP's JavaScript codecs. The tests compare our bytes with those
 * JavaScript codecs, run in Node.js.
 */
package io.socon.messaging.impl.client.content;
