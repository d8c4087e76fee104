-- The server-wide directory of the host users whose inboxes live on this server: which installation and which
-- conversations each has, so that one multiplexed node stream can watch them all and wake the right inbox (and
-- notify its user) while the user's own client is closed. Runs unchanged on H2 2.x and PostgreSQL 15+.

-- One row per host user with an inbox here. user_hash names the user's client store and vault keys; the host's id
-- is kept (in clear: it is the host's own user id, not a secret) so notifications can name the user.
CREATE TABLE messaging_users (
    user_hash       VARCHAR(64)   NOT NULL PRIMARY KEY,
    host_user_id    VARCHAR(1024) NOT NULL,
    inbox_id        VARCHAR(64)   NOT NULL,
    wallet_address  VARCHAR(42)   NOT NULL,
    installation_id VARCHAR(64)   NOT NULL,
    welcome_cursor  BIGINT        NOT NULL,
    created_ns      BIGINT        NOT NULL
);
CREATE UNIQUE INDEX messaging_users_by_installation ON messaging_users (installation_id);

-- Which local users are members of which conversation (group id, lowercase hex).
CREATE TABLE messaging_user_groups (
    user_hash VARCHAR(64)  NOT NULL,
    group_id  VARCHAR(128) NOT NULL,
    PRIMARY KEY (user_hash, group_id)
);
CREATE INDEX messaging_user_groups_by_group ON messaging_user_groups (group_id);

-- Up to which node message id the watcher has handed each conversation to its local members.
CREATE TABLE messaging_group_cursors (
    group_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    cursor_value BIGINT       NOT NULL
);
