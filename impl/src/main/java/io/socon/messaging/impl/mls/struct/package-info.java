/**
 * MLS structures (RFC 9420) as immutable records that decode strictly and encode back to the same bytes:
 * {@link io.socon.messaging.impl.mls.struct.MlsMessage}, {@link io.socon.messaging.impl.mls.struct.KeyPackage},
 * {@link io.socon.messaging.impl.mls.struct.LeafNode} with its {@code Credential}, {@code Capabilities},
 * {@code Lifetime} and {@code Extension}s, {@link io.socon.messaging.impl.mls.struct.Welcome} and
 * {@link io.socon.messaging.impl.mls.struct.GroupInfo}, {@link io.socon.messaging.impl.mls.struct.Proposal} (one
 * record per RFC 9420 type, unknown types kept raw) with {@code PreSharedKeyId}, and
 * {@link io.socon.messaging.impl.mls.struct.RequiredCapabilities}. Values of types we do not know (extensions,
 * credentials, capability codes) are kept as they came.
 *
 * <p>Decoding checks syntax only; deciding whether a structure may be used is the job of validators such as
 * {@code io.socon.messaging.impl.mls.xmtp.KeyPackageValidator}.
 */
package io.socon.messaging.impl.mls.struct;
