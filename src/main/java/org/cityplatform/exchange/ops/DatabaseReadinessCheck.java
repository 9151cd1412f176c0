package org.cityplatform.exchange.ops;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The instance is ready only when it can get a connection from each of its pools within a short
 * time: an instance whose pool is exhausted or whose database is gone cannot serve, and an
 * orchestrator should send its requests elsewhere.
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
        return Uni.combine().all().unis(probe(shared), probe(pushes)).asTuple().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                    .withData("pool", results.getItem1()).withData("pushPool", results.getItem2());
            return response.status("UP".equals(results.getItem1()) && "UP".equals(results.getItem2())).build();
        });
    }

    private Uni<String> probe(Pool pool) {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(settings.readinessTimeout()).fail()
                .map(rows -> "UP")
                .onFailure().recoverWithItem("DOWN: no connection within " + settings.readinessTimeout().toMillis() + " ms");
    }
}
