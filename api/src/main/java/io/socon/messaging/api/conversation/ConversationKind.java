package io.socon.messaging.api.conversation;

/** The two kinds of XMTP conversation. */
public enum ConversationKind {
    /** A direct message between two inboxes. */
    DM,
    /** A group of any number of inboxes, with a name, admins and permissions. */
    GROUP
}
