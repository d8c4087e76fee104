package io.socon.messaging.impl.client.group;

/**
 * One of XMTP's group context extensions is missing or cannot be read. The message names the extension, e.g.
 * {@code "0xff00 (GroupMutableMetadata): missing"} or {@code "0xff02 (GroupMutablePermissions): malformed:
 * add_member_policy is not set"}.
 */
public final class XmtpExtensionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int extensionType;

    /**
     * @param extensionType the extension at fault
     * @param message       what is wrong with it
     * @param cause         the underlying decoding error, or null
     */
    public XmtpExtensionException(int extensionType, String message, Throwable cause) {
        super(describe(extensionType) + ": " + message, cause);
        this.extensionType = extensionType;
    }

    static XmtpExtensionException missing(int extensionType) {
        return new XmtpExtensionException(extensionType, "missing", null);
    }

    static XmtpExtensionException malformed(int extensionType, String detail) {
        return new XmtpExtensionException(extensionType, "malformed: " + detail, null);
    }

    static XmtpExtensionException malformed(int extensionType, String detail, Throwable cause) {
        return new XmtpExtensionException(extensionType, "malformed: " + detail, cause);
    }

    /** The type of the extension at fault, e.g. 0xff00. */
    public int extensionType() {
        return extensionType;
    }

    /** The extension's id and XMTP's name for it, e.g. {@code "0xff01 (GroupMembership)"}. */
    public static String describe(int extensionType) {
        String name = switch (extensionType) {
            case XmtpGroupExtensions.GROUP_METADATA -> "GroupMetadata";
            case XmtpGroupExtensions.MUTABLE_METADATA -> "GroupMutableMetadata";
            case XmtpGroupExtensions.GROUP_MEMBERSHIP -> "GroupMembership";
            case XmtpGroupExtensions.GROUP_PERMISSIONS -> "GroupMutablePermissions";
            case XmtpGroupExtensions.PROPOSAL_SUPPORT -> "ProposalSupport";
            case XmtpGroupExtensions.REQUIRED_CAPABILITIES -> "RequiredCapabilities";
            default -> null;
        };
        String id = String.format("0x%04x", extensionType);
        return name == null ? id : id + " (" + name + ")";
    }
}
