package io.socon.messaging.it.module;

import io.socon.messaging.impl.jakarta.rest.MessageStreamEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** Registers the module's message stream at {@code /api/v1/stream} in {@link ModuleRestApiIT}'s archive. */
public class ModuleWebSockets implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(MessageStreamEndpoint.config("/api/v1/stream"));
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
