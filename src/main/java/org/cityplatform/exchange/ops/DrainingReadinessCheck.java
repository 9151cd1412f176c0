package org.cityplatform.exchange.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.cityplatform.exchange.infra.Draining;

/** DOWN from the moment a shutdown begins, so the load balancer stops sending before requests are refused. */
@Readiness
@ApplicationScoped
public class DrainingReadinessCheck implements HealthCheck {

    private final Draining draining;

    DrainingReadinessCheck(Draining draining) {
        this.draining = draining;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(draining.isReady())
                .withData("refusingNew", draining.refusesNew())
                .withData("pushesRunning", draining.pushesRunning())
                .withData("exportsRunning", draining.exportsRunning())
                .build();
    }
}
