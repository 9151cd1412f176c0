package org.cityplatform.exchange.ops;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.cityplatform.exchange.infra.PoolSettings;
import org.cityplatform.exchange.infra.BoundedPools;

/**
 * The instance is ready only when it can get a connection of its shared pool within a short
 * time: without one it serves no lookup, no management request, no audit event, and an
 * orchestrator should send its requests elsewhere (a database that is gone shows here too).
 * The pool of pushes is reported, not judged: pushes that hold all of it are backpressure,
 * answered to further pushes with 503 and Retry-After; taking instances out for it would let a
 * few agencies' pushes take every instance out of service.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    private final Pool shared;
    private final Pool pushes;
    private final PoolSettings settings;

    DatabaseReadinessCheck(Pool shared, @ReactiveDataSource(BoundedPools.PUSHES) Pool pushes, PoolSettings settings) {
        this.shared = shared;
        this.pushes = pushes;
        this.settings = settings;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(probe(shared, "DOWN"), probe(pushes, "BUSY")).asTuple().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                    .withData("pool", results.getItem1()).withData("pushPool", results.getItem2());
            return response.status("UP".equals(results.getItem1())).build();
        });
    }

    private Uni<String> probe(Pool pool, String otherwise) {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(settings.readinessTimeout()).fail()
                .map(rows -> "UP")
                .onFailure().recoverWithItem(otherwise + ": no connection within "
                        + settings.readinessTimeout().toMillis() + " ms");
    }
}
