package org.cityplatform.exchange.ops;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis only speeds the gateway up (ARCHITECTURE.md, "The cache is only a cache"), so a dead Redis
 * is reported in readiness without taking the instance out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ReactiveRedisDataSource redis;

    RedisReadinessCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).fail()
                .map(reply -> HealthCheckResponse.named("redis").up().withData("redis", "UP").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("redis").up()
                        .withData("redis", "DOWN")
                        .withData("impact", "served without cache; cross-instance invalidation paused")
                        .withData("error", String.valueOf(e.getMessage()))
                        .build());
    }
}
