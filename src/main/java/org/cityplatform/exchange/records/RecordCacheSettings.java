package org.cityplatform.exchange.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Redis cache of UNCONDITIONAL records (docs/architecture.md, "Redis: cache, invalidations, counters"). */
@ConfigMapping(prefix = "exchange.cache.records")
public interface RecordCacheSettings {

    @WithDefault("true")
    boolean enabled();

    /** How long a cached record lives without being invalidated. */
    @WithDefault("10m")
    Duration ttl();

    /** Records larger than this (bytes of JSON) are not cached: they would crowd out many small ones. */
    @WithDefault("65536")
    int maxValueBytes();

    /** How long a lookup waits for Redis before it reads PostgreSQL instead. */
    @WithDefault("50ms")
    Duration timeout();

    /** After several Redis failures in a row, how long lookups skip the cache before trying it again. */
    @WithDefault("1s")
    Duration backoff();

}
