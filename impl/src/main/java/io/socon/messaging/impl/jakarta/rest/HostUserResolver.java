package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.HostUser;
import java.util.Optional;

/**
 * Says which host user a REST request or WebSocket handshake acts for. The REST API and the stream call it on
 * every request; a request without a host user gets {@code 401}.
 *
 * <p>The default ({@link PrincipalHostUserResolver}) takes the authenticated principal's name (Jakarta Security,
 * the servlet container's login). An application with its own sign-in replaces it with a CDI bean of its own
 * that is an enabled alternative:
 *
 * <pre>{@code
 * @Alternative
 * @Priority(Interceptor.Priority.APPLICATION)
 * @ApplicationScoped
 * public class SessionUserResolver implements HostUserResolver {
 *     public Optional<HostUser> resolve(Caller caller) {
 *         return caller.session().map(s -> (String) s.getAttribute("user")).map(HostUser::of);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe and quick (no remote calls): they run on the server's request
 * threads, and for the WebSocket during the handshake.
 */
public interface HostUserResolver {

    /**
     * The host user of a request.
     *
     * @return empty if the request is anonymous (the caller gets {@code 401})
     */
    Optional<HostUser> resolve(Caller caller);
}
