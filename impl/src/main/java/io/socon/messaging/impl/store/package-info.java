/**
 * Persistence through JDBC, with Flyway migrations: the node's messages, welcomes, key packages,
 * identity log and commit log, and the client's groups, messages and cursors.
 *
 * <p>H2 in a file is the embedded default; PostgreSQL is supported for production. Callers see small
 * store interfaces, never SQL.
 */
package io.socon.messaging.impl.store;
