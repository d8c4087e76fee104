package io.socon.messaging.impl.mls.tree;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.mls.struct.RequiredCapabilities;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Leaf node validation against a group (RFC 9420 section 7.3): the signature over the LeafNodeTBS of the leaf's
 * source, the group's cipher suite and version and required capabilities, extensions and credential type listed
 * in the leaf's own capabilities, credential types supported across the group, the source expected where the
 * leaf appeared, and keys unique among the members.
 *
 * <p>Credentials themselves are not judged here: whether a credential belongs to whom it claims is the
 * application's decision (for XMTP, the identity layer). Lifetimes are checked only if a time is given with
 * {@link #at(Instant)}; RFC 9420 makes that check mandatory only for leaves a client sends.
 */
public final class LeafNodeValidator {

    /** Where a leaf node appeared, which decides the source it must have. */
    public enum Use {
        /** In a key package or an Add proposal: source key_package. */
        KEY_PACKAGE,
        /** In an Update proposal: source update, with a new encryption key. */
        UPDATE,
        /** In the UpdatePath of a commit: source commit. */
        COMMIT,
        /** Already in a ratchet tree (e.g. one being joined): any source. */
        TREE
    }

    private final Bytes groupId;
    private final int cipherSuite;
    private final Optional<RequiredCapabilities> required;
    private final Instant now;

    private LeafNodeValidator(Bytes groupId, int cipherSuite, Optional<RequiredCapabilities> required,
                              Instant now) {
        this.groupId = groupId;
        this.cipherSuite = cipherSuite;
        this.required = required;
        this.now = now;
    }

    /** A validator for group {@code groupId} of {@code cipherSuite} with these group context extensions. */
    public static LeafNodeValidator forGroup(Bytes groupId, int cipherSuite, List<Extension> groupContextExtensions) {
        Objects.requireNonNull(groupId, "groupId");
        return new LeafNodeValidator(groupId, cipherSuite, RequiredCapabilities.find(groupContextExtensions), null);
    }

    /** This validator also checking that key package lifetimes include {@code time}. */
    public LeafNodeValidator at(Instant time) {
        return new LeafNodeValidator(groupId, cipherSuite, required, Objects.requireNonNull(time, "time"));
    }

    /** The group id. */
    public Bytes groupId() {
        return groupId;
    }

    /** The group's cipher suite. */
    public int cipherSuite() {
        return cipherSuite;
    }

    /**
     * Validates {@code leaf} as the leaf at {@code leafIndex} of {@code tree} (the tree it joins or changes; for an
     * Add, the index where it will go). Uniqueness is checked against every other member's leaf; for
     * {@link Use#UPDATE} the leaf's new encryption key must also differ from the one it replaces.
     *
     * @throws TreeValidationException naming the rule the leaf breaks
     */
    public void validate(LeafNode leaf, Use use, int leafIndex, RatchetTree tree) {
        validateAlone(leaf, use, leafIndex);
        Set<Integer> credentialTypesInUse = new HashSet<>();
        for (int other : tree.occupiedLeaves()) {
            LeafNode member = tree.leaf(other).orElseThrow();
            if (other == leafIndex) {
                if (use == Use.UPDATE && member.encryptionKey().equals(leaf.encryptionKey())) {
                    throw new TreeValidationException("leaf " + leafIndex
                            + ": an Update must bring a new encryption key");
                }
                continue;
            }
            if (member.signatureKey().equals(leaf.signatureKey())) {
                throw new TreeValidationException("leaf " + leafIndex + ": signature key already used by leaf "
                        + other);
            }
            if (member.encryptionKey().equals(leaf.encryptionKey())) {
                throw new TreeValidationException("leaf " + leafIndex + ": encryption key already used by leaf "
                        + other);
            }
            if (!member.capabilities().credentials().contains(leaf.credential().type())) {
                throw new TreeValidationException("leaf " + leafIndex + ": credential type "
                        + leaf.credential().type() + " is not supported by leaf " + other);
            }
            credentialTypesInUse.add(member.credential().type());
        }
        for (int type : credentialTypesInUse) {
            if (!leaf.capabilities().credentials().contains(type)) {
                throw new TreeValidationException("leaf " + leafIndex + " does not support credential type " + type
                        + " used in the group");
            }
        }
        for (int p = 1; p < tree.nodeCount(); p += 2) {
            if (tree.node(p) instanceof Node.Parent parent
                    && parent.parentNode().encryptionKey().equals(leaf.encryptionKey())) {
                throw new TreeValidationException("leaf " + leafIndex + ": encryption key already used by node " + p);
            }
        }
    }

    /**
     * The checks that need no other member: signature, source, capabilities and lifetime. {@link TreeValidator}
     * uses these and checks uniqueness once for the whole tree.
     */
    void validateAlone(LeafNode leaf, Use use, int leafIndex) {
        LeafNodeSource source = leaf.source();
        boolean sourceFits = switch (use) {
            case KEY_PACKAGE -> source instanceof LeafNodeSource.FromKeyPackage;
            case UPDATE -> source instanceof LeafNodeSource.FromUpdate;
            case COMMIT -> source instanceof LeafNodeSource.FromCommit;
            case TREE -> true;
        };
        if (!sourceFits) {
            throw new TreeValidationException("leaf " + leafIndex + ": source " + source.code()
                    + " does not fit its use as " + use);
        }
        boolean signed = source instanceof LeafNodeSource.FromKeyPackage
                ? leaf.signatureVerifies()
                : leaf.signatureVerifies(groupId, leafIndex);
        if (!signed) {
            throw new TreeValidationException("leaf " + leafIndex + ": the signature does not verify");
        }
        Capabilities capabilities = leaf.capabilities();
        if (!capabilities.versions().contains(ProtocolVersion.MLS10)) {
            throw new TreeValidationException("leaf " + leafIndex + " does not support mls10");
        }
        if (!capabilities.cipherSuites().contains(cipherSuite)) {
            throw new TreeValidationException("leaf " + leafIndex + " does not support the group's cipher suite "
                    + cipherSuite);
        }
        if (!capabilities.credentials().contains(leaf.credential().type())) {
            throw new TreeValidationException("leaf " + leafIndex + " does not list its own credential type "
                    + leaf.credential().type());
        }
        for (Extension extension : leaf.extensions()) {
            if (!capabilities.supportsExtension(extension.type())) {
                throw new TreeValidationException("leaf " + leafIndex + " carries extension "
                        + ExtensionType.describe(extension.type()) + " without listing it in its capabilities");
            }
        }
        if (required.isPresent()) {
            Optional<String> missing = required.get().missingFrom(capabilities);
            if (missing.isPresent()) {
                throw new TreeValidationException("leaf " + leafIndex + " lacks the required " + missing.get());
            }
        }
        if (now != null && leaf.lifetime().isPresent()) {
            Lifetime lifetime = leaf.lifetime().get();
            if (now.isBefore(lifetime.notBeforeInstant()) || now.isAfter(lifetime.notAfterInstant())) {
                throw new TreeValidationException("leaf " + leafIndex + " is outside its lifetime " + lifetime);
            }
        }
    }
}
