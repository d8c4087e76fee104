package io.socon.messaging.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socon.messaging.it.shell.Greeter;
import io.socon.messaging.it.shell.PingApplication;
import io.socon.messaging.it.shell.PingResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Arquillian harness on a managed Open Liberty: deploys a ShrinkWrap archive with CDI, MicroProfile
 * Config and JAX-RS, checks a bean in the container and calls the REST endpoint over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class LibertyDeploymentIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "shell.war")
                .addClasses(PingApplication.class, PingResource.class, Greeter.class)
                .addAsResource(new StringAsset("socon.it.greeting=Hello from Liberty\n"),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    Greeter greeter;

    @Test
    void cdiAndConfigWorkInTheContainer() {
        assertNotNull(greeter, "CDI injected the bean inside Liberty");
        assertEquals("Hello from Liberty, Ada", greeter.greet("Ada"));
    }

    @Test
    @RunAsClient
    void restEndpointAnswersJson(@ArquillianResource URL base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = base.toURI().resolve("api/ping?name=Ada");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/json"), contentType);
        String body = response.body().replaceAll("\\s", "");
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(body.contains("\"greeting\":\"HellofromLiberty,Ada\""), body);
    }
}
