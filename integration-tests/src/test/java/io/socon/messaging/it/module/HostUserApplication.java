package io.socon.messaging.it.module;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The test REST root of {@link XmtpPeerInteropIT}'s archive. It lists its one resource, so the module's own REST
 * resources (in the impl jar) are not mounted here.
 */
@ApplicationPath("/it-api")
public class HostUserApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(HostUserResource.class);
    }
}
