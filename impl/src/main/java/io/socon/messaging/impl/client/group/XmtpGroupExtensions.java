package io.socon.messaging.impl.client.group;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import io.socon.messaging.impl.mls.struct.ProposalType;
import io.socon.messaging.impl.mls.struct.RequiredCapabilities;
import io.socon.messaging.impl.mls.xmtp.XmtpMlsProfile;
import io.socon.messaging.impl.wire.mls.messagecontents.ProposalSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The group context extensions of an XMTP group, built as libxmtp 1.10 builds them for a new group or DM
 * ({@code groups/mod.rs} {@code build_group_config}), and the one way libxmtp changes them afterwards.
 *
 * <p>A new group's context holds five extensions, in this order: 0xf000 {@link GroupMetadata}, 0xff00
 * {@link MutableMetadata}, 0xff01 {@link GroupMembership}, 0xff02 {@link PolicySet}, then required_capabilities
 * (0x0003) naming 0xff01, 0xff00, 0xff02, 0xf000, last_resort and application_id, proposal type 7
 * (GroupContextExtensions) and the basic credential.
 */
public final class XmtpGroupExtensions {

    /** 0xf000, OpenMLS's ImmutableMetadata: {@link GroupMetadata}. */
    public static final int GROUP_METADATA = XmtpMlsProfile.IMMUTABLE_METADATA_EXTENSION;
    /** 0xff00: {@link MutableMetadata}. */
    public static final int MUTABLE_METADATA = XmtpMlsProfile.MUTABLE_METADATA_EXTENSION;
    /** 0xff01: {@link GroupMembership}. */
    public static final int GROUP_MEMBERSHIP = XmtpMlsProfile.GROUP_MEMBERSHIP_EXTENSION;
    /** 0xff02: {@link PolicySet}. */
    public static final int GROUP_PERMISSIONS = XmtpMlsProfile.GROUP_PERMISSIONS_EXTENSION;
    /**
     * 0xff05: a {@code ProposalSupport} protobuf; in a group context, version above 0 means the group commits
     * proposals by reference. libxmtp 1.10 never turns this on by itself ({@code BROADCAST_PROPOSAL_SUPPORT} is
     * false), but honours it.
     */
    public static final int PROPOSAL_SUPPORT = 0xFF05;
    /** 0x0003, RFC 9420's required_capabilities. */
    public static final int REQUIRED_CAPABILITIES = ExtensionType.REQUIRED_CAPABILITIES;

    /** The required capabilities of every XMTP group, in libxmtp's order. */
    public static final RequiredCapabilities REQUIRED = new RequiredCapabilities(
            List.of(GROUP_MEMBERSHIP, MUTABLE_METADATA, GROUP_PERMISSIONS, GROUP_METADATA,
                    ExtensionType.LAST_RESORT, ExtensionType.APPLICATION_ID),
            List.of(ProposalType.GROUP_CONTEXT_EXTENSIONS),
            List.of(CredentialType.BASIC));

    private XmtpGroupExtensions() {
    }

    /**
     * The extensions of a new group, as libxmtp's {@code create_group} writes them.
     *
     * @param creatorInboxId  the creator's inbox id; the only super admin and the only member (sequence id 0)
     * @param policies        the permission policies; {@link PolicySet#allMembers()} is libxmtp's default
     * @param options         name, description, image URL, app data, disappearing messages
     * @param commitLogSigner the 32-byte secret that signs the commit log; libxmtp 1.10 always makes a random
     *                        one, so pass one to look like it
     */
    public static List<Extension> forNewGroup(String creatorInboxId, PolicySet policies, GroupOptions options,
                                              Optional<Bytes> commitLogSigner) {
        Objects.requireNonNull(policies, "policies");
        return List.of(
                GroupMetadata.forGroup(creatorInboxId).toExtension(),
                MutableMetadata.forGroup(creatorInboxId, options, commitLogSigner).toExtension(),
                GroupMembership.startingWith(creatorInboxId).toExtension(),
                policies.toExtension(),
                REQUIRED.toExtension());
    }

    /**
     * The extensions of a new DM, as libxmtp's {@code create_dm_and_insert} writes them: type DM with the
     * creator as member one and the peer as member two, the DM metadata defaults, only the creator in the
     * membership (the peer joins by the first commit), and the DM policies.
     *
     * @param creatorInboxId  the creator's inbox id
     * @param peerInboxId     the other inbox
     * @param disappearing    disappearing-message settings, if any
     * @param commitLogSigner the 32-byte commit log secret, as for a group
     */
    public static List<Extension> forNewDm(String creatorInboxId, String peerInboxId,
                                           Optional<DisappearingSettings> disappearing,
                                           Optional<Bytes> commitLogSigner) {
        return List.of(
                GroupMetadata.forDm(creatorInboxId, peerInboxId).toExtension(),
                MutableMetadata.forDm(disappearing, commitLogSigner).toExtension(),
                GroupMembership.startingWith(creatorInboxId).toExtension(),
                PolicySet.dm().toExtension(),
                REQUIRED.toExtension());
    }

    /**
     * {@code extensions} with {@code extension} in place of the one of the same type, as OpenMLS's
     * {@code Extensions::add_or_replace} does it: the old one is removed and the new one goes at the end. So
     * after libxmtp's first membership commit the GroupMembership extension is the last one, and the order of
     * the bytes of the group context changes accordingly.
     */
    public static List<Extension> replace(List<Extension> extensions, Extension extension) {
        List<Extension> result = new ArrayList<>(extensions.size() + 1);
        for (Extension existing : extensions) {
            if (existing.type() != extension.type()) {
                result.add(existing);
            }
        }
        result.add(extension);
        return List.copyOf(result);
    }

    /**
     * Whether the group commits proposals by reference: its context has extension 0xff05 holding a
     * {@code ProposalSupport} with version above 0 (libxmtp {@code check_proposals_enabled}; unreadable data
     * counts as no).
     */
    public static boolean proposalsEnabled(List<Extension> extensions) {
        return Extension.find(extensions, PROPOSAL_SUPPORT).map(extension -> {
            try {
                return ProposalSupport.parseFrom(extension.data().toByteArray()).getVersion() != 0;
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
        }).orElse(false);
    }
}
