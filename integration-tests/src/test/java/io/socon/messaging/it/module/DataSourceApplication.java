package io.socon.messaging.it.module;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The REST root of {@link LibertyDataSourceIT}'s archive: one resource that uses {@code jdbc/socon}. */
@ApplicationPath("/it-db")
public class DataSourceApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DataSourceResource.class);
    }
}
