package io.socon.messaging.it.shell;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS root of the smoke-test deployment. */
@ApplicationPath("/api")
public class PingApplication extends Application {
}
