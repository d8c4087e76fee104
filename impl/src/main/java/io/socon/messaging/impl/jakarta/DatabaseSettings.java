package io.socon.messaging.impl.jakarta;

import io.socon.messaging.impl.store.jdbc.Database;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Where a part of the module keeps its tables, read from MicroProfile Config under a prefix ({@code socon.node.} for
 * the embedded node, {@code socon.messaging.} for the user directory and the users' client stores): a data source of
 * the server by its JNDI name ({@code <prefix>datasource}, e.g. {@code jdbc/socon}, defined in server.xml), or a
 * JDBC URL with a pool of our own ({@code <prefix>jdbc-url}, {@code -user}, {@code -password}), or, with neither,
 * the embedded H2 database in the data directory. Both parts may name the same database. The password is never in
 * {@link #toString()}.
 *
 * @param key      the config key of the JNDI name, for messages
 * @param jndiName the server's data source
 * @param jdbcUrl  a database to reach through a pool of our own
 * @param user     its user
 * @param password its password
 */
public record DatabaseSettings(String key, Optional<String> jndiName, Optional<String> jdbcUrl, Optional<String> user,
        Optional<String> password) {

    /**
     * Reads {@code <prefix>datasource}, {@code <prefix>jdbc-url}, {@code <prefix>jdbc-user} and
     * {@code <prefix>jdbc-password}.
     *
     * @throws IllegalArgumentException if both a JNDI name and a JDBC URL are set
     */
    public static DatabaseSettings from(Config config, String prefix) {
        Optional<String> jndi = text(config, prefix + "datasource");
        Optional<String> url = text(config, prefix + "jdbc-url");
        if (jndi.isPresent() && url.isPresent()) {
            throw new IllegalArgumentException("set either " + prefix + "datasource (a JNDI name) or " + prefix
                    + "jdbc-url, not both");
        }
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            throw new IllegalArgumentException(prefix + "jdbc-url must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/socon, not '" + Database.redactedUrl(url.get()) + "'");
        }
        return new DatabaseSettings(prefix + "datasource", jndi, url, text(config, prefix + "jdbc-user"),
                config.getOptionalValue(prefix + "jdbc-password", String.class));
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Whether neither a data source nor a JDBC URL is set: the embedded H2 database is used. */
    public boolean embedded() {
        return jndiName.isEmpty() && jdbcUrl.isEmpty();
    }

    /**
     * Looks the data source up by its JNDI name (call on an application thread, where the server's naming context is
     * available).
     *
     * @throws IllegalStateException if no JNDI name is set, nothing is bound there, or it is not a data source
     */
    public DataSource lookup() {
        String name = jndiName.orElseThrow(() -> new IllegalStateException(key + " is not set"));
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no data source is bound at '" + name + "' (" + key + "): define it in the"
                    + " server (in Open Liberty, <dataSource jndiName=\"" + name + "\"> in server.xml, with the"
                    + " jdbc-4.3 and jndi-1.0 features): " + e.getMessage(), e);
        }
        if (!(found instanceof DataSource dataSource)) {
            throw new IllegalStateException("'" + name + "' (" + key + ") is a " + found.getClass().getName()
                    + ", not a javax.sql.DataSource");
        }
        return dataSource;
    }

    /** Where the tables are, for logs: the JNDI name, the URL without its password, or "embedded H2". */
    public String describe() {
        return jndiName.map(name -> "data source " + name)
                .or(() -> jdbcUrl.map(Database::redactedUrl))
                .orElse("embedded H2");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + user.map(u -> ", user " + u).orElse("")
                + (password.isPresent() ? ", password ***" : "") + "]";
    }
}
