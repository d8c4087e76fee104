package io.socon.messaging.sample;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells load balancers and the README's run command that the sample app is deployed and serving.
 *
 * <p>Answers on {@code /health/ready} (and in the aggregate {@code /health}). Later it also reports the
 * embedded node and the database.
 */
@Readiness
@ApplicationScoped
public class SampleReadiness implements HealthCheck {

    static final String NAME = "socon-sample";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .withData("product", "Socon Messaging")
                .up()
                .build();
    }
}
