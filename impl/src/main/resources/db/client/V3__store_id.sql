-- Many client stores in one database: every row belongs to the store named by store_id (a host user's hash when
-- one database holds every user's state; 'default' in a database that holds a single store, as every database
-- made before this version does). Each store keeps its own data key, so one user's rows never open with another's.
-- Runs unchanged on H2 2.x and PostgreSQL 15+: each table is rebuilt with store_id leading its key, its rows are
-- copied as the 'default' store, and the old table is dropped. Sealed columns are copied as they are: their
-- associated data names the table, the column and the row key, not the store.

CREATE TABLE client_data_key_v3 (
    store_id      VARCHAR(64)   NOT NULL,
    vault_key_uri VARCHAR(1100) NOT NULL,
    wrapped_key   BYTEA         NOT NULL,
    created_ns    BIGINT        NOT NULL,
    CONSTRAINT client_data_key_pk PRIMARY KEY (store_id)
);
INSERT INTO client_data_key_v3 (store_id, vault_key_uri, wrapped_key, created_ns)
    SELECT 'default', vault_key_uri, wrapped_key, created_ns FROM client_data_key;
DROP TABLE client_data_key;
ALTER TABLE client_data_key_v3 RENAME TO client_data_key;

CREATE TABLE client_identity_v3 (
    store_id                VARCHAR(64)   NOT NULL,
    inbox_id                VARCHAR(128)  NOT NULL,
    wallet_address          VARCHAR(128)  NOT NULL,
    installation_public_key BYTEA         NOT NULL,
    installation_key_ref    VARCHAR(1100) NOT NULL,
    sealed_installation_key BYTEA         NOT NULL, -- encrypted; bound to installation_public_key
    registered              BOOLEAN       NOT NULL,
    created_ns              BIGINT        NOT NULL,
    CONSTRAINT client_identity_pk PRIMARY KEY (store_id)
);
INSERT INTO client_identity_v3 (store_id, inbox_id, wallet_address, installation_public_key, installation_key_ref,
        sealed_installation_key, registered, created_ns)
    SELECT 'default', inbox_id, wallet_address, installation_public_key, installation_key_ref, sealed_installation_key,
        registered, created_ns FROM client_identity;
DROP TABLE client_identity;
ALTER TABLE client_identity_v3 RENAME TO client_identity;

CREATE TABLE client_key_packages_v3 (
    store_id        VARCHAR(64) NOT NULL,
    hpke_public_key BYTEA       NOT NULL,
    bundle          BYTEA       NOT NULL, -- encrypted
    created_ns      BIGINT      NOT NULL,
    CONSTRAINT client_key_packages_pk PRIMARY KEY (store_id, hpke_public_key)
);
INSERT INTO client_key_packages_v3 (store_id, hpke_public_key, bundle, created_ns)
    SELECT 'default', hpke_public_key, bundle, created_ns FROM client_key_packages;
DROP TABLE client_key_packages;
ALTER TABLE client_key_packages_v3 RENAME TO client_key_packages;

CREATE TABLE client_groups_v3 (
    store_id          VARCHAR(64)  NOT NULL,
    group_id          BYTEA        NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    dm_peer_inbox_id  VARCHAR(128),
    status            VARCHAR(16)  NOT NULL,
    mls_state         BYTEA        NOT NULL, -- encrypted
    mls_keys          BYTEA        NOT NULL, -- encrypted
    message_cursor    BIGINT       NOT NULL,
    needs_key_update  BOOLEAN      NOT NULL,
    added_by_inbox_id VARCHAR(128) NOT NULL,
    created_ns        BIGINT       NOT NULL,
    last_activity_ns  BIGINT       NOT NULL,
    last_read_ns      BIGINT       DEFAULT 0 NOT NULL,
    consent           VARCHAR(16),
    CONSTRAINT client_groups_pk PRIMARY KEY (store_id, group_id)
);
INSERT INTO client_groups_v3 (store_id, group_id, kind, dm_peer_inbox_id, status, mls_state, mls_keys, message_cursor,
        needs_key_update, added_by_inbox_id, created_ns, last_activity_ns, last_read_ns, consent)
    SELECT 'default', group_id, kind, dm_peer_inbox_id, status, mls_state, mls_keys, message_cursor, needs_key_update,
        added_by_inbox_id, created_ns, last_activity_ns, last_read_ns, consent FROM client_groups;
DROP TABLE client_groups;
ALTER TABLE client_groups_v3 RENAME TO client_groups;
CREATE INDEX client_groups_by_activity ON client_groups (store_id, last_activity_ns);
CREATE INDEX client_groups_by_dm_peer ON client_groups (store_id, dm_peer_inbox_id, last_activity_ns);

CREATE TABLE client_messages_v3 (
    store_id               VARCHAR(64)  NOT NULL,
    id                     BYTEA        NOT NULL,
    group_id               BYTEA        NOT NULL,
    node_id                BIGINT       NOT NULL,
    sent_at_ns             BIGINT       NOT NULL,
    sender_inbox_id        VARCHAR(128) NOT NULL,
    sender_installation_id BYTEA        NOT NULL,
    kind                   VARCHAR(32)  NOT NULL,
    encoded_content        BYTEA        NOT NULL, -- encrypted
    delivery               VARCHAR(16)  NOT NULL,
    should_push            BOOLEAN      DEFAULT TRUE NOT NULL,
    CONSTRAINT client_messages_pk PRIMARY KEY (store_id, id)
);
INSERT INTO client_messages_v3 (store_id, id, group_id, node_id, sent_at_ns, sender_inbox_id, sender_installation_id,
        kind, encoded_content, delivery, should_push)
    SELECT 'default', id, group_id, node_id, sent_at_ns, sender_inbox_id, sender_installation_id, kind,
        encoded_content, delivery, should_push FROM client_messages;
DROP TABLE client_messages;
ALTER TABLE client_messages_v3 RENAME TO client_messages;
CREATE INDEX client_messages_by_group ON client_messages (store_id, group_id, sent_at_ns, id);
CREATE INDEX client_messages_unread ON client_messages (store_id, group_id, should_push, sent_at_ns);

CREATE TABLE client_cursors_v3 (
    store_id     VARCHAR(64)  NOT NULL,
    cursor_name  VARCHAR(255) NOT NULL,
    cursor_value BIGINT       NOT NULL,
    CONSTRAINT client_cursors_pk PRIMARY KEY (store_id, cursor_name)
);
INSERT INTO client_cursors_v3 (store_id, cursor_name, cursor_value)
    SELECT 'default', cursor_name, cursor_value FROM client_cursors;
DROP TABLE client_cursors;
ALTER TABLE client_cursors_v3 RENAME TO client_cursors;

CREATE TABLE client_identity_updates_v3 (
    store_id        VARCHAR(64)  NOT NULL,
    inbox_id        VARCHAR(128) NOT NULL,
    sequence_id     BIGINT       NOT NULL,
    identity_update BYTEA        NOT NULL,
    CONSTRAINT client_identity_updates_pk PRIMARY KEY (store_id, inbox_id, sequence_id)
);
INSERT INTO client_identity_updates_v3 (store_id, inbox_id, sequence_id, identity_update)
    SELECT 'default', inbox_id, sequence_id, identity_update FROM client_identity_updates;
DROP TABLE client_identity_updates;
ALTER TABLE client_identity_updates_v3 RENAME TO client_identity_updates;

CREATE TABLE client_pending_commits_v3 (
    store_id     VARCHAR(64) NOT NULL,
    group_id     BYTEA       NOT NULL,
    payload_hash BYTEA       NOT NULL,
    mls_state    BYTEA       NOT NULL, -- encrypted
    mls_keys     BYTEA       NOT NULL, -- encrypted
    welcome_plan BYTEA       NOT NULL, -- encrypted
    created_ns   BIGINT      NOT NULL,
    CONSTRAINT client_pending_commits_pk PRIMARY KEY (store_id, group_id)
);
INSERT INTO client_pending_commits_v3 (store_id, group_id, payload_hash, mls_state, mls_keys, welcome_plan, created_ns)
    SELECT 'default', group_id, payload_hash, mls_state, mls_keys, welcome_plan, created_ns FROM client_pending_commits;
DROP TABLE client_pending_commits;
ALTER TABLE client_pending_commits_v3 RENAME TO client_pending_commits;

CREATE TABLE client_outbox_v3 (
    store_id     VARCHAR(64) NOT NULL,
    payload_hash BYTEA       NOT NULL,
    message_id   BYTEA       NOT NULL,
    group_id     BYTEA       NOT NULL,
    created_ns   BIGINT      NOT NULL,
    CONSTRAINT client_outbox_pk PRIMARY KEY (store_id, payload_hash)
);
INSERT INTO client_outbox_v3 (store_id, payload_hash, message_id, group_id, created_ns)
    SELECT 'default', payload_hash, message_id, group_id, created_ns FROM client_outbox;
DROP TABLE client_outbox;
ALTER TABLE client_outbox_v3 RENAME TO client_outbox;
CREATE INDEX client_outbox_by_message ON client_outbox (store_id, message_id);
