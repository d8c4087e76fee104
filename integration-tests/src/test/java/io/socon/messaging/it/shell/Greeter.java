package io.socon.messaging.it.shell;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A CDI bean configured through MicroProfile Config, to prove both work in the deployed archive. */
@ApplicationScoped
public class Greeter {

    @Inject
    @ConfigProperty(name = "socon.it.greeting", defaultValue = "unconfigured")
    String greeting;

    public String greet(String name) {
        return greeting + ", " + name;
    }
}
