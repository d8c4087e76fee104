/**
 * The client store on JDBC: {@link io.socon.messaging.impl.store.client.jdbc.JdbcClientStore} for H2 and
 * PostgreSQL, with its secret fields encrypted under a
 * {@link io.socon.messaging.impl.store.client.jdbc.DataKey} wrapped by the host's key vault.
 */
package io.socon.messaging.impl.store.client.jdbc;
