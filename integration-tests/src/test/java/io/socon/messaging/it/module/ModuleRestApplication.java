package io.socon.messaging.it.module;

import io.socon.messaging.impl.jakarta.rest.SoconRest;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The REST root of {@link ModuleRestApiIT}'s archive: the module's REST API at {@code /api/v1}, as README shows. */
@ApplicationPath("/api/v1")
public class ModuleRestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return SoconRest.classes();
    }
}
