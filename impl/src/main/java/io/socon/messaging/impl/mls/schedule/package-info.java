/**
 * The MLS key schedule (RFC 9420 section 8) for cipher suite 3: from the previous epoch's init secret, the
 * commit secret, the combined PSK secret and the new GroupContext to the joiner, welcome and epoch secrets
 * and everything derived from them ({@link io.socon.messaging.impl.mls.schedule.KeySchedule},
 * {@link io.socon.messaging.impl.mls.schedule.EpochSecrets}), the PSK combination of section 8.4
 * ({@link io.socon.messaging.impl.mls.schedule.PskSecret}), MLS-Exporter and the external-init exchange of
 * section 8.3.
 *
 * <p>Secrets are held privately, handed out as copies, serialized with a version byte for durable state and
 * wiped on {@code destroy()}.
 */
package io.socon.messaging.impl.mls.schedule;
