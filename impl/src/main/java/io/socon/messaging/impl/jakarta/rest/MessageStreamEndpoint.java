package io.socon.messaging.impl.jakarta.rest;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The WebSocket that pushes the caller's new messages and conversations as JSON text frames
 * ({@code docs/rest-api.md}). It is a programmatic endpoint, so the application chooses its path; register it
 * with a {@code ServerApplicationConfig}:
 *
 * <pre>{@code
 * public class WebSockets implements ServerApplicationConfig {
 *     public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
 *         return Set.of(MessageStreamEndpoint.config("/api/v1/stream"));
 *     }
 *     public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
 *         return scanned;
 *     }
 * }
 * }</pre>
 *
 * <p>One instance per connection; the work is done by {@link StreamHub} and {@link StreamConnection}.
 */
public class MessageStreamEndpoint extends Endpoint {

    private volatile StreamConnection connection;

    /** The endpoint's configuration at {@code path} (for example {@code /api/v1/stream}). */
    public static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(MessageStreamEndpoint.class, path)
                .configurator(new StreamConfigurator())
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object handshake = session.getUserProperties().get(StreamConfigurator.HANDSHAKE);
        StreamHub hub = CDI.current().select(StreamHub.class).get();
        connection = hub.open(session, handshake instanceof StreamConfigurator.Handshake h ? h : null);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        StreamConnection c = connection;
        if (c != null) {
            c.closed();
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        StreamConnection c = connection;
        if (c != null) {
            c.failed(failure);
        }
    }
}
