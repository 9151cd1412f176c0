package org.cityplatform.exchange.ops;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis only speeds the gateway up (docs/architecture.md, "Redis: cache, invalidations, counters"), so a dead Redis
 * is reported in readiness without taking the instance out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    // The health endpoint is public: the failure is logged, never shown there.
    private static final Logger LOG = Logger.getLogger(RedisReadinessCheck.class);

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
                .onFailure().invoke(e -> LOG.debugf("%s readiness: %s", "redis", e.toString()))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("redis").up()
                        .withData("redis", "DOWN")
                        .withData("impact", "served without cache; cross-instance invalidation paused")
                        .build());
    }
}
