package org.cityplatform.exchange.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the push path; the defaults were measured on a 2-core machine (README, benchmarks). */
@ConfigMapping(prefix = "exchange.push")
public interface PushSettings {

    /** Items per upsert statement. */
    @WithDefault("2000")
    int batchSize();

    /** Statements queued on a push's connection before the socket is paused. */
    @WithDefault("4")
    int maxInFlight();
}
