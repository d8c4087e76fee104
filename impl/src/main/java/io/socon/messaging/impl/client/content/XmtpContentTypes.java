package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;

/** Content type ids that the engine needs beyond those named in {@link ContentType}. */
public final class XmtpContentTypes {

    /** Reactions as libxmtp 1.10 sends them (the same as {@link ContentType#REACTION_V2}). */
    public static final ContentType REACTION_V2 = ContentType.REACTION_V2;

    /** Group membership and metadata changes, written into the transcript by libxmtp. Read only. */
    public static final ContentType GROUP_UPDATED = new ContentType("xmtp.org", "group_updated", 1, 0);

    private XmtpContentTypes() {
    }
}
