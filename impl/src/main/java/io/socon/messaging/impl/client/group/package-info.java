/**
 * XMTP's group rules on top of MLS: the group context extensions XMTP keeps in every group and how a new group
 * or DM gets them ({@link io.socon.messaging.impl.client.group.XmtpGroupExtensions},
 * {@link io.socon.messaging.impl.client.group.XmtpGroupState}), the permission policies and who they let do
 * what ({@link io.socon.messaging.impl.client.group.PolicySet}), the validation of commits
 * ({@link io.socon.messaging.impl.client.group.CommitValidator}) and welcomes
 * ({@link io.socon.messaging.impl.client.group.WelcomeChecks}), and the planning of membership commits
 * ({@link io.socon.messaging.impl.client.group.MembershipPlanner}).
 *
 * <p>Everything here is pure: identity facts come in through an
 * {@link io.socon.messaging.impl.client.group.InstallationLookup} that the caller backs with verified identity
 * updates. The rules and bytes are libxmtp 1.10's ({@code crates/xmtp_mls/src/groups},
 * {@code crates/xmtp_mls_common}, {@code crates/xmtp_configuration}); the javadoc names the function each
 * follows. Where libxmtp's bytes are not deterministic (it keeps protobuf maps in hash maps, so map entries come
 * in a random order), we write map entries sorted by key; otherwise our bytes are prost's, including its habit
 * of leaving default keys and values out of map entries.
 */
package io.socon.messaging.impl.client.group;
