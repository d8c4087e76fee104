/**
 * Message content: the sealed {@link io.socon.messaging.api.content.Content} interface and one record per
 * standard XMTP content type (text, reaction, reply, read receipt, attachment, remote attachment), plus
 * {@link io.socon.messaging.api.content.Unknown} for every other type, which keeps the sender's fallback text.
 * Records check their input when constructed and copy byte arrays in and out.
 */
package io.socon.messaging.api.content;
