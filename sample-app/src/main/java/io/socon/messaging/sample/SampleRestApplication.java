package io.socon.messaging.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * Mounts the REST API at {@code /api/v1}. {@code getClasses()} is left empty, so the server discovers every
 * annotated resource and provider of the WAR: Socon Messaging's (in its jar under {@code WEB-INF/lib}, a CDI
 * bean archive) and the sample's own sign-in resource. {@code /openapi} describes them all.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Socon Messaging", version = "v1",
        description = "XMTP messaging for the signed-in user: inbox, conversations, members, messages. "
                + "New messages and conversations are pushed on the WebSocket /api/v1/stream. "
                + "Errors are application/problem+json with a stable code."))
public class SampleRestApplication extends Application {
}
