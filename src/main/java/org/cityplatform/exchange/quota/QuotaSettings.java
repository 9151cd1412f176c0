package org.cityplatform.exchange.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Per-agency quotas (docs/api.md, "Quotas"): the defaults of agencies the center has set none for, and the timings. */
@ConfigMapping(prefix = "exchange.quota")
public interface QuotaSettings {

    /** Requests a second on the data routes for an agency without a quota of its own. */
    @WithDefault("2000")
    int defaultRequestsPerSecond();

    /** Exports running at once for an agency without a quota of its own. */
    @WithDefault("4")
    int defaultConcurrentExports();

    /**
     * How often this instance adds the requests it admitted to the shared counts in Redis and
     * learns the other instances' counts: the other instances' admissions of the last interval
     * are what a limit can be overrun by.
     */
    @WithDefault("5ms")
    Duration syncInterval();

    /** How long a quota call waits for Redis before this instance counts on its own. */
    @WithDefault("100ms")
    Duration redisTimeout();

    /**
     * How long a running export holds its slot in Redis without being renewed (renewed every third
     * of it): the slots of an instance that crashed are free again after this.
     */
    @WithDefault("30s")
    Duration exportLease();

    /** A refused export cannot know when a running one ends: clients retry after this. */
    @WithDefault("5s")
    Duration exportRetryAfter();
}
