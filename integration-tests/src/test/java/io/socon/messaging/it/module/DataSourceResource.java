package io.socon.messaging.it.module;

import io.socon.messaging.it.ItDatabase;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Writes and reads rows of a table through the server's dataSource, looked up as the module does:
 * {@code new InitialContext().lookup("jdbc/socon")}. {@link LibertyDataSourceIT} checks the other end over
 * plain JDBC from the test JVM.
 */
@Path("/notes/{table}")
public class DataSourceResource {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Creates the table if needed, adds {@code text}; answers {@code <database> <server port>} of the connection. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String add(@PathParam("table") String table, String text) throws NamingException, SQLException {
        try (Connection connection = dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + checked(table)
                        + " (id SERIAL PRIMARY KEY, text TEXT NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (text) VALUES (?)")) {
                insert.setString(1, text);
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet where = statement.executeQuery("SELECT current_database(), inet_server_port()")) {
                where.next();
                return where.getString(1) + " " + where.getInt(2);
            }
        }
    }

    /** The table's texts in insertion order, one a line. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list(@PathParam("table") String table) throws NamingException, SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT text FROM " + checked(table) + " ORDER BY id")) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return String.join("\n", texts);
    }

    private static DataSource dataSource() throws NamingException {
        return (DataSource) new InitialContext().lookup(ItDatabase.JNDI_NAME);
    }

    private static String checked(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new BadRequestException("not a plain table name: " + table);
        }
        return table;
    }
}
