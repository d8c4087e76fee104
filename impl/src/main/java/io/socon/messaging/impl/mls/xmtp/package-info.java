/**
 * XMTP's MLS profile: its constants ({@link io.socon.messaging.impl.mls.xmtp.XmtpMlsProfile}), the key
 * package builder that makes key packages libxmtp accepts, and the
 * {@link io.socon.messaging.impl.mls.xmtp.KeyPackageValidator} the relay node and the client use to decide
 * whether a key package may be used. The only part of the MLS code that knows XMTP's credential (an inbox id
 * in an {@code MlsCredential} protobuf).
 */
package io.socon.messaging.impl.mls.xmtp;
