package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.HostUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The default {@link HostUserResolver}: the host user is the request's authenticated principal, by name
 * ({@code SecurityContext.getUserPrincipal()}, {@code HttpServletRequest.getUserPrincipal()}, the WebSocket
 * handshake's principal). Anonymous requests have none.
 */
@ApplicationScoped
public class PrincipalHostUserResolver implements HostUserResolver {

    @Override
    public Optional<HostUser> resolve(Caller caller) {
        return caller.principal()
                .filter(p -> p.getName() != null && !p.getName().isBlank())
                .map(HostUser::of);
    }
}
