package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.RequiredCapabilities;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What XMTP keeps in a group's context extensions, read and checked: the four XMTP extensions, which every
 * XMTP group must have, and the required capabilities, if present. The extensions themselves are kept too, so
 * that a commit can change one and leave the others' bytes as they were.
 *
 * @param metadata             0xf000: conversation type, creator, DM members
 * @param mutableMetadata      0xff00: attributes, admins, super admins
 * @param membership           0xff01: members and their identity sequence ids
 * @param policies             0xff02: permission policies
 * @param requiredCapabilities 0x0003, if present
 * @param proposalsEnabled     whether 0xff05 turns on proposals by reference
 * @param extensions           the extensions read, in their order
 */
public record XmtpGroupState(GroupMetadata metadata, MutableMetadata mutableMetadata, GroupMembership membership,
                             PolicySet policies, Optional<RequiredCapabilities> requiredCapabilities,
                             boolean proposalsEnabled, List<Extension> extensions) {

    /** Checks for nulls and copies the list. */
    public XmtpGroupState {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(mutableMetadata, "mutableMetadata");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(requiredCapabilities, "requiredCapabilities");
        extensions = List.copyOf(extensions);
    }

    /**
     * Reads a group context's extensions.
     *
     * @throws XmtpExtensionException naming the first extension that is missing or malformed, in the order
     *                                0xf000, 0xff00, 0xff01, 0xff02, 0x0003
     */
    public static XmtpGroupState from(List<Extension> extensions) {
        GroupMetadata metadata = GroupMetadata.from(extensions);
        MutableMetadata mutableMetadata = MutableMetadata.from(extensions);
        GroupMembership membership = GroupMembership.from(extensions);
        PolicySet policies = PolicySet.from(extensions);
        Optional<RequiredCapabilities> required;
        try {
            required = RequiredCapabilities.find(extensions);
        } catch (MlsDecodeException e) {
            throw XmtpExtensionException.malformed(XmtpGroupExtensions.REQUIRED_CAPABILITIES, e.getMessage(), e);
        }
        return new XmtpGroupState(metadata, mutableMetadata, membership, policies, required,
                XmtpGroupExtensions.proposalsEnabled(extensions), extensions);
    }

    /** The conversation type. */
    public ConversationType conversationType() {
        return metadata.conversationType();
    }

    /** The actor for {@code member}, with its roles in this state. */
    public Actor actor(LeafMember member) {
        return Actor.of(member, metadata, mutableMetadata);
    }

    /** {@link #extensions()} with {@code extension} replacing the one of its type, OpenMLS's way. */
    public List<Extension> replacing(Extension extension) {
        return XmtpGroupExtensions.replace(extensions, extension);
    }
}
