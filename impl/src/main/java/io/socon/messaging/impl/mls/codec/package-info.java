/**
 * The TLS presentation language as MLS uses it (RFC 9420 section 2.1): {@link
 * io.socon.messaging.impl.mls.codec.TlsReader} and {@link io.socon.messaging.impl.mls.codec.TlsWriter} for
 * integers, variable-length vectors and optionals, {@link io.socon.messaging.impl.mls.codec.Bytes} for
 * immutable byte strings, and {@link io.socon.messaging.impl.mls.codec.MlsDecodeException} for malformed
 * input. Nothing here knows any MLS structure.
 */
package io.socon.messaging.impl.mls.codec;
