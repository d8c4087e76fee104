package io.socon.messaging.sample;

import io.socon.messaging.impl.jakarta.EmbeddedNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells load balancers and the README's run command whether the sample app can serve: up when the
 * embedded XMTP node runs (or a remote one is configured), down with the reason otherwise.
 *
 * <p>Answers on {@code /health/ready} (and in the aggregate {@code /health}).
 */
@Readiness
@ApplicationScoped
public class SampleReadiness implements HealthCheck {

    static final String NAME = "socon-sample";

    @Inject
    EmbeddedNode node;

    @Override
    public HealthCheckResponse call() {
        EmbeddedNode.Status status = node.status();
        boolean remote = status.detail().startsWith("remote node");
        return HealthCheckResponse.named(NAME)
                .withData("product", "Socon Messaging")
                .withData("xmtpNode", status.detail())
                .status(status.running() || remote)
                .build();
    }
}
