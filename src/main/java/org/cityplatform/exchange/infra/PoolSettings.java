package org.cityplatform.exchange.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a request may wait for a database connection, and how many may wait, for every pool. */
@ConfigMapping(prefix = "exchange.database")
public interface PoolSettings {

    /** A request that gets no connection in this time is answered 503 instead of waiting on. */
    @WithDefault("5s")
    Duration acquireTimeout();

    /** Requests waiting for a connection of one pool; beyond, 503 at once. */
    @WithDefault("512")
    int maxWaiting();

    /** How long the readiness check waits for a connection of each pool before it reports it unavailable. */
    @WithDefault("1s")
    Duration readinessTimeout();
}
