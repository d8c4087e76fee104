-- One client installation's local state. Written to run unchanged on H2 2.x and PostgreSQL 15+.
-- Every table is prefixed client_ so this schema can share a database with the node's (db/node).
-- Columns marked "encrypted" hold 0x01 || nonce (12) || AES-256-GCM ciphertext and tag (16), sealed with the
-- data key of client_data_key; the associated data names the table, the column and the row's key.

-- The data-encryption key, wrapped by a symmetric key in the host's KeyVault. Exactly one row (id = 1).
CREATE TABLE client_data_key (
    id            SMALLINT      NOT NULL PRIMARY KEY,
    vault_key_uri VARCHAR(1100) NOT NULL,
    wrapped_key   BYTEA         NOT NULL,
    created_ns    BIGINT        NOT NULL,
    CONSTRAINT client_data_key_single_row CHECK (id = 1)
);

-- This installation's identity. At most one row (id = 1).
CREATE TABLE client_identity (
    id                      SMALLINT      NOT NULL PRIMARY KEY,
    inbox_id                VARCHAR(128)  NOT NULL,
    wallet_address          VARCHAR(128)  NOT NULL,
    installation_public_key BYTEA         NOT NULL,
    installation_key_ref    VARCHAR(1100) NOT NULL,
    sealed_installation_key BYTEA         NOT NULL, -- encrypted; bound to installation_public_key
    registered              BOOLEAN       NOT NULL,
    created_ns              BIGINT        NOT NULL,
    CONSTRAINT client_identity_single_row CHECK (id = 1)
);

CREATE TABLE client_key_packages (
    hpke_public_key BYTEA  NOT NULL PRIMARY KEY,
    bundle          BYTEA  NOT NULL, -- encrypted
    created_ns      BIGINT NOT NULL
);

CREATE TABLE client_groups (
    group_id          BYTEA        NOT NULL PRIMARY KEY,
    kind              VARCHAR(16)  NOT NULL,
    dm_peer_inbox_id  VARCHAR(128),
    status            VARCHAR(16)  NOT NULL,
    mls_state         BYTEA        NOT NULL, -- encrypted
    mls_keys          BYTEA        NOT NULL, -- encrypted
    message_cursor    BIGINT       NOT NULL,
    needs_key_update  BOOLEAN      NOT NULL,
    added_by_inbox_id VARCHAR(128) NOT NULL,
    created_ns        BIGINT       NOT NULL,
    last_activity_ns  BIGINT       NOT NULL
);
CREATE INDEX client_groups_by_activity ON client_groups (last_activity_ns);
CREATE INDEX client_groups_by_dm_peer ON client_groups (dm_peer_inbox_id, last_activity_ns);

CREATE TABLE client_messages (
    id                     BYTEA        NOT NULL PRIMARY KEY,
    group_id               BYTEA        NOT NULL,
    node_id                BIGINT       NOT NULL,
    sent_at_ns             BIGINT       NOT NULL,
    sender_inbox_id        VARCHAR(128) NOT NULL,
    sender_installation_id BYTEA        NOT NULL,
    kind                   VARCHAR(32)  NOT NULL,
    encoded_content        BYTEA        NOT NULL, -- encrypted
    delivery               VARCHAR(16)  NOT NULL
);
CREATE INDEX client_messages_by_group ON client_messages (group_id, sent_at_ns, id);

CREATE TABLE client_cursors (
    cursor_name  VARCHAR(255) NOT NULL PRIMARY KEY,
    cursor_value BIGINT       NOT NULL
);

-- Identity updates of any inbox, as the node returned them (public data).
CREATE TABLE client_identity_updates (
    inbox_id        VARCHAR(128) NOT NULL,
    sequence_id     BIGINT       NOT NULL,
    identity_update BYTEA        NOT NULL,
    PRIMARY KEY (inbox_id, sequence_id)
);

-- A commit of ours being published, with the epoch to adopt when the node returns it. At most one per group.
CREATE TABLE client_pending_commits (
    group_id     BYTEA  NOT NULL PRIMARY KEY,
    payload_hash BYTEA  NOT NULL,
    mls_state    BYTEA  NOT NULL, -- encrypted
    mls_keys     BYTEA  NOT NULL, -- encrypted
    welcome_plan BYTEA  NOT NULL, -- encrypted
    created_ns   BIGINT NOT NULL
);

-- Our application messages on their way to the node, by the sha256 of the MLS message sent: how the client knows
-- its own message when the node returns it (a sender cannot decrypt its own message).
CREATE TABLE client_outbox (
    payload_hash BYTEA  NOT NULL PRIMARY KEY,
    message_id   BYTEA  NOT NULL,
    group_id     BYTEA  NOT NULL,
    created_ns   BIGINT NOT NULL
);
CREATE INDEX client_outbox_by_message ON client_outbox (message_id);
