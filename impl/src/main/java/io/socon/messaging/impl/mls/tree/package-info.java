/**
 * The ratchet tree of RFC 9420 (section 7) and TreeKEM.
 *
 * <ul>
 *   <li>{@link io.socon.messaging.impl.mls.tree.TreeMath}: index arithmetic of the array representation
 *       (appendix C).</li>
 *   <li>{@link io.socon.messaging.impl.mls.tree.RatchetTree}: the immutable public tree of
 *       {@link io.socon.messaging.impl.mls.tree.Node}s (leaf nodes and
 *       {@link io.socon.messaging.impl.mls.tree.ParentNode}s), the {@code ratchet_tree} extension encoding, a
 *       versioned storage form, resolutions and filtered direct paths, tree hashes, parent hashes and their
 *       verification, and the tree changes of Add, Update and Remove.</li>
 *   <li>{@link io.socon.messaging.impl.mls.tree.TreeEvolution}: Add, Update and Remove proposals applied to a
 *       tree, one at a time or a commit's list in RFC 9420's order.</li>
 *   <li>{@link io.socon.messaging.impl.mls.tree.LeafNodeValidator} and
 *       {@link io.socon.messaging.impl.mls.tree.TreeValidator}: the checks of RFC 9420 sections 7.3 and
 *       12.4.3.1, failing with {@link io.socon.messaging.impl.mls.tree.TreeValidationException}.</li>
 * </ul>
 *
 * <ul>
 *   <li>{@link io.socon.messaging.impl.mls.tree.TreeKem}: creating an UpdatePath as a committer and merging and
 *       decrypting one as a receiver (cipher suite 3), giving the commit secret.</li>
 *   <li>{@link io.socon.messaging.impl.mls.tree.TreePrivateKeys}: a member's private node keys, copy-on-write,
 *       wiped on {@code close()}, with a versioned storage form.</li>
 * </ul>
 *
 * <p>Hashes come from {@link io.socon.messaging.impl.mls.tree.SuiteHash}; private keys are never part of a
 * {@code RatchetTree}.
 */
package io.socon.messaging.impl.mls.tree;
