package io.socon.messaging.it.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socon.messaging.it.ItDatabase;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The arquillian server's container-managed dataSource {@code jdbc/socon} (server.xml) is a working PostgreSQL
 * connection for a deployed application, and it is the database that the test JVM reaches through
 * {@link ItDatabase}: what the application writes, a test reads, and the other way round.
 */
@ExtendWith(ArquillianExtension.class)
class LibertyDataSourceIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "datasource.war")
                .addClasses(ItDatabase.class, DataSourceApplication.class, DataSourceResource.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void jndiNameIsAWorkingPostgresConnectionInTheServer() throws Exception {
        DataSource dataSource = (DataSource) new InitialContext().lookup(ItDatabase.JNDI_NAME);
        String table = ItDatabase.uniqueName("ds_in_server");
        String text = "round trip " + UUID.randomUUID();

        try (Connection connection = dataSource.getConnection()) {
            assertEquals("PostgreSQL", connection.getMetaData().getDatabaseProductName());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, text TEXT NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (id, text) VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, text);
                assertEquals(1, insert.executeUpdate());
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id, text FROM " + table)) {
                assertTrue(rows.next(), "the inserted row is read back");
                assertEquals(1, rows.getInt(1));
                assertEquals(text, rows.getString(2));
                assertFalse(rows.next(), "only one row");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    @Test
    @RunAsClient
    void whatTheApplicationWritesTheTestJvmReadsAndBack(@ArquillianResource URL base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String table = ItDatabase.uniqueName("ds_shared");
        URI notes = base.toURI().resolve("it-db/notes/" + table);
        String fromApp = "written by the application " + UUID.randomUUID();
        String fromTest = "written by the test " + UUID.randomUUID();

        HttpResponse<String> added = http.send(HttpRequest.newBuilder(notes)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(fromApp)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(ItDatabase.DATABASE + " " + ItDatabase.port(), added.body(),
                "the dataSource's database and server port");

        try (Connection db = ItDatabase.connection()) {
            assertEquals(List.of(fromApp), texts(db, table), "the test JVM reads what the application wrote");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " (text) VALUES (?)")) {
                insert.setString(1, fromTest);
                insert.executeUpdate();
            }

            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(notes).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed.body());
            assertEquals(fromApp + "\n" + fromTest, listed.body(), "the application reads what the test wrote");

            try (Statement statement = db.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    private static List<String> texts(Connection db, String table) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT text FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }
}
