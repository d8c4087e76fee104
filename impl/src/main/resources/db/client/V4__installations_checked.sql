-- When this client last compared a conversation's installations with its members' identities (nanoseconds; 0 =
-- never), as libxmtp 1.10 keeps groups.installations_last_checked: a send refreshes the membership when the last
-- check is older than 5 s, a sync when it is older than 30 min. Written only by
-- ClientTransaction.setInstallationsCheckedNs, never by putGroup, so an engine writing a group row cannot undo it.
ALTER TABLE client_groups ADD COLUMN installations_checked_ns BIGINT DEFAULT 0 NOT NULL;
