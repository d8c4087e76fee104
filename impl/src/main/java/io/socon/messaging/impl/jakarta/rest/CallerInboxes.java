package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.Messaging;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens the inbox of the host user behind a request. {@link Messaging} is looked up when first needed, so the
 * application deploys (and answers {@code 503}) even when no {@code Messaging} bean is configured.
 */
@ApplicationScoped
public class CallerInboxes {

    private static final Logger LOG = System.getLogger(CallerInboxes.class.getName());

    @Inject
    Instance<Messaging> messaging;

    @Inject
    HostUserResolver resolver;

    private final AtomicBoolean reportedMissing = new AtomicBoolean();

    /**
     * The host user of a request.
     *
     * @throws RestProblemException 401 if the request has none
     */
    public HostUser user(Caller caller) {
        return resolver.resolve(caller).orElseThrow(RestProblemException::unauthenticated);
    }

    /** Opens (or creates on first use) the caller's inbox. */
    public CompletionStage<Inbox> open(Caller caller) {
        HostUser user = user(caller);
        return messaging().openInbox(user);
    }

    /**
     * The application's {@link Messaging}.
     *
     * @throws RestProblemException 503 if none is configured
     */
    public Messaging messaging() {
        if (messaging.isResolvable()) {
            return messaging.get();
        }
        if (reportedMissing.compareAndSet(false, true)) {
            LOG.log(Level.ERROR, "The REST API of Socon Messaging has no Messaging bean to use ("
                    + (messaging.isAmbiguous() ? "several are" : "none is") + " available); it answers 503");
        }
        ErrorCode code = ErrorCode.INTERNAL;
        throw new RestProblemException(new ProblemJson(Problems.type(code), "Messaging not configured", 503,
                "messaging is not configured in this application", code.name(), null, null, null));
    }
}
