-- Read state, unread counts and consent, for the API's Conversation.unreadCount/markRead/consent.

-- Whether XMTP would push-notify this message (its content type's should_push): what counts as unread.
-- Not secret beyond the kind column: it says "shown" (text, reply, attachment) or "quiet" (reaction, read receipt).
ALTER TABLE client_messages ADD COLUMN should_push BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE client_messages SET should_push = FALSE WHERE kind <> 'APPLICATION';
CREATE INDEX client_messages_unread ON client_messages (group_id, should_push, sent_at_ns);

-- This inbox has read the conversation up to this time (nanoseconds; 0 = nothing read). Written only by
-- ClientTransaction.markRead, never by putGroup, so an engine writing a group row cannot undo a mark.
ALTER TABLE client_groups ADD COLUMN last_read_ns BIGINT DEFAULT 0 NOT NULL;

-- The user's consent decision (ALLOWED, DENIED), or NULL while undecided. Also untouched by putGroup.
ALTER TABLE client_groups ADD COLUMN consent VARCHAR(16);
