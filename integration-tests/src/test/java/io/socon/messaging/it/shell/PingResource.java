package io.socon.messaging.it.shell;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;
import java.util.Map;

/** A REST endpoint that answers with JSON-B through a CDI bean. */
@Path("/ping")
public class PingResource {

    @Inject
    Greeter greeter;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping(@QueryParam("name") String name) {
        return Map.of("status", "UP", "greeting", greeter.greet(name == null ? "nobody" : name));
    }
}
