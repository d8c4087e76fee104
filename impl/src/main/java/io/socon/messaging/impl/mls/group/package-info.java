/**
 * MLS groups (RFC 9420 sections 8, 11, 12 and 13) for cipher suite 3, on the lower MLS packages.
 *
 * <ul>
 *   <li>{@link io.socon.messaging.impl.mls.group.Group}: one member's view of a group in one epoch. Create,
 *       propose, commit (with or without UpdatePath, proposals by value and by reference), produce Welcomes,
 *       process commits with the checks of RFC 9420 section 12.4.2, join from a Welcome, protect and unprotect
 *       application messages (also of retained past epochs), export secrets, store and restore.</li>
 *   <li>{@link io.socon.messaging.impl.mls.group.GroupKeys}: the member's private keys (signature key, tree
 *       keys, keys of pending Updates), stored separately from the group state.</li>
 *   <li>{@link io.socon.messaging.impl.mls.group.KeyPackageBundle}: a key package with its private keys, what a
 *       client keeps until it joins.</li>
 *   <li>{@link io.socon.messaging.impl.mls.group.OpenedWelcome} and
 *       {@link io.socon.messaging.impl.mls.group.GroupSecrets}: the first steps of joining.</li>
 *   <li>{@link io.socon.messaging.impl.mls.group.GroupConfig}: local policy (retained epochs, handshake wire
 *       format, padding, whether every commit carries a path); {@code GroupConfig.XMTP} is XMTP's.</li>
 *   <li>{@link io.socon.messaging.impl.mls.group.CommitResult},
 *       {@link io.socon.messaging.impl.mls.group.Received}: what operations return;
 *       {@link io.socon.messaging.impl.mls.group.GroupException} for everything refused.</li>
 * </ul>
 *
 * <p>Not supported yet (refused with a {@code GroupException} naming the feature): external commits
 * (sender new_member_commit, ExternalInit), proposals from new members, ReInit, and resumption PSKs of other
 * groups or of epochs no longer retained.
 */
package io.socon.messaging.impl.mls.group;
