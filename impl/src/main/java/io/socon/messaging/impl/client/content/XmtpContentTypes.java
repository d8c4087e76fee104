package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.content.ContentType;

/** Content type ids that the engine needs beyond those named in {@link ContentType}. */
public final class XmtpContentTypes {

    /**
     * Reactions as libxmtp 1.10 sends them: a {@code ReactionV2} protobuf. Version 1.0 (a JSON object, written by
     * the older JavaScript codec) is still read.
     */
    public static final ContentType REACTION_V2 = new ContentType("xmtp.org", "reaction", 2, 0);

    /** Group membership and metadata changes, written into the transcript by libxmtp. Read only. */
    public static final ContentType GROUP_UPDATED = new ContentType("xmtp.org", "group_updated", 1, 0);

    private XmtpContentTypes() {
    }
}
