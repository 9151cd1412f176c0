package org.cityplatform.exchange.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning and bounds of the push path. */
@ConfigMapping(prefix = "exchange.push")
public interface PushSettings {

    /** Items per upsert statement. */
    @WithDefault("2000")
    int batchSize();

    /** Statements queued on a push's connection before the socket is paused. */
    @WithDefault("4")
    int maxInFlight();

    /** A body that sends nothing for this long is ended with 408: it holds a connection of the push pool. */
    @WithDefault("30s")
    Duration idleTimeout();

    /** A push still streaming after this long is ended with 408, however steadily its bytes come. */
    @WithDefault("1h")
    Duration maxDuration();

    /** Pushes one agency may have open on an instance at once; 429 beyond (the rest of the pool is others'). */
    @WithDefault("4")
    int maxConcurrentPerAgency();
}
