package io.socon.messaging.impl.mls.struct;

/** MLS proposal type codes ({@code uint16 ProposalType}, RFC 9420 section 12.1); any value may appear. */
public final class ProposalType {

    /** add. */
    public static final int ADD = 0x0001;
    /** update. */
    public static final int UPDATE = 0x0002;
    /** remove. */
    public static final int REMOVE = 0x0003;
    /** psk. */
    public static final int PSK = 0x0004;
    /** reinit. */
    public static final int REINIT = 0x0005;
    /** external_init. */
    public static final int EXTERNAL_INIT = 0x0006;
    /** group_context_extensions, the only non-default proposal XMTP advertises. */
    public static final int GROUP_CONTEXT_EXTENSIONS = 0x0007;

    private ProposalType() {
    }
}
