package io.socon.messaging.sample;

import io.socon.messaging.impl.jakarta.rest.MessageStreamEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** Registers Socon Messaging's stream at {@code /api/v1/stream}, beside the REST API. */
public class SampleWebSockets implements ServerApplicationConfig {

    /** The path of the stream. */
    public static final String STREAM_PATH = "/api/v1/stream";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(MessageStreamEndpoint.config(STREAM_PATH));
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
