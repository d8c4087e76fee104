package io.socon.messaging.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the ITs' PostgreSQL (zonky's embedded server, from Maven artifacts) when the JUnit launcher session opens,
 * before any test class runs or any archive is deployed, and stops it when the session closes, after Arquillian
 * has stopped Liberty. Registered in {@code META-INF/services}; it does nothing unless
 * {@value ItDatabase#PORT_PROPERTY} is set, which failsafe does and surefire does not. Failing to start fails the
 * run: the dataSource {@value ItDatabase#JNDI_NAME} of the arquillian server points at that port.
 */
public final class ItPostgres implements LauncherSessionListener {

    private static EmbeddedPostgres postgres;
    private static int sessions;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(ItDatabase.PORT_PROPERTY) == null) {
            return;
        }
        synchronized (ItPostgres.class) {
            if (sessions++ > 0) {
                return;
            }
            int port = ItDatabase.port();
            long start = System.nanoTime();
            try {
                postgres = EmbeddedPostgres.builder().setPort(port).start();
            } catch (IOException | RuntimeException e) {
                sessions = 0;
                throw new IllegalStateException("cannot start the ITs' PostgreSQL on port " + port, e);
            }
            System.out.printf("ItPostgres: PostgreSQL on localhost:%d, database %s, started in %d ms%n", port,
                    ItDatabase.DATABASE, (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (ItPostgres.class) {
            if (sessions == 0 || --sessions > 0 || postgres == null) {
                return;
            }
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the ITs' PostgreSQL", e);
            } finally {
                postgres = null;
            }
        }
    }
}
