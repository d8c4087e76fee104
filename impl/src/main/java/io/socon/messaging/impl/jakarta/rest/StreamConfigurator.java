package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.HostUser;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the WebSocket handshake as REST requests are ({@link HostUserResolver} with the upgrade
 * request's principal, HTTP session and headers) and checks the browser's {@code Origin}. The outcome goes to
 * the connection through its user properties (a copy per connection since WebSocket 2.1).
 */
public class StreamConfigurator extends ServerEndpointConfig.Configurator {

    /** The user-properties key of the {@link Handshake}. */
    static final String HANDSHAKE = StreamConfigurator.class.getName() + ".handshake";

    private static final Logger LOG = System.getLogger(StreamConfigurator.class.getName());

    /**
     * What the handshake found out.
     *
     * @param user the host user, if the request had one
     * @param refusal why the connection must be refused, if it must
     */
    record Handshake(Optional<HostUser> user, Optional<String> refusal) {
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(HANDSHAKE, handshake(request));
    }

    private static Handshake handshake(HandshakeRequest request) {
        Map<String, List<String>> headers = request.getHeaders();
        Caller caller = Caller.of(request.getUserPrincipal(),
                request.getHttpSession() instanceof HttpSession s ? s : null, headers);
        try {
            StreamHub hub = CDI.current().select(StreamHub.class).get();
            Optional<String> origin = caller.header("Origin");
            if (origin.isPresent() && !originAllowed(origin.get(), caller.header("Host"), hub.allowedOrigins())) {
                return new Handshake(Optional.empty(),
                        Optional.of("the origin " + abbreviate(origin.get()) + " may not open this stream"));
            }
            return new Handshake(hub.resolver().resolve(caller), Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The stream handshake could not be authenticated", e);
            return new Handshake(Optional.empty(), Optional.of("the handshake could not be authenticated"));
        }
    }

    /**
     * Whether a browser page from {@code origin} may connect: the page's own origin (the same host and port as
     * the request's {@code Host}), or one listed in {@code socon.stream.allowed-origins} ({@code *} for any).
     */
    static boolean originAllowed(String origin, Optional<String> host, List<String> allowed) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            String entry = a.strip().toLowerCase(Locale.ROOT);
            if (entry.equals("*") || entry.equals(o)) {
                return true;
            }
        }
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(o);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String h = host.get().strip().toLowerCase(Locale.ROOT);
            String originHost = uri.getHost();
            return h.equals(originHost + ":" + port) || (h.equals(originHost) && (port == 80 || port == 443));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
