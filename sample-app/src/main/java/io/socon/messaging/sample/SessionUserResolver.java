package io.socon.messaging.sample;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.impl.jakarta.rest.Caller;
import io.socon.messaging.impl.jakarta.rest.HostUserResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.Optional;

/**
 * The sample's users are whoever signed in through {@link SessionResource}: the host user id kept in the HTTP
 * session. As an enabled alternative it replaces the module's default resolver (the request's principal) for
 * the REST API and the stream alike.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SessionUserResolver implements HostUserResolver {

    @Override
    public Optional<HostUser> resolve(Caller caller) {
        return caller.session()
                .map(session -> {
                    try {
                        return session.getAttribute(SessionResource.USER_ATTRIBUTE);
                    } catch (IllegalStateException invalidated) {
                        return null;
                    }
                })
                .filter(String.class::isInstance)
                .map(id -> HostUser.of((String) id));
    }
}
