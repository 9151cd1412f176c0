package org.cityplatform.exchange.opendata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits of the open data endpoints (Art. 23, 25), per client address and per gateway instance:
 * anyone may call them without login, so the address is the only thing to meter.
 */
@ConfigMapping(prefix = "exchange.open-data")
public interface OpenDataSettings {

    /**
     * Take the client address from the last {@code X-Forwarded-For} entry, the one the proxy in
     * front wrote. Only behind exactly one such proxy, which alone can reach the gateway: otherwise
     * anyone can write any address there and escape every limit (docs/deployment.md).
     */
    @WithDefault("false")
    boolean trustForwardedFor();

    /** Requests of any kind under /open/ per address and minute (listing, one dataset, export). */
    @WithDefault("60")
    int requestsPerMinute();

    /** Exports started per address and minute. */
    @WithDefault("10")
    int exportsPerMinute();

    /** Exports running at once per address. */
    @WithDefault("2")
    int concurrentExports();

    /** Addresses tracked at once; beyond it the least recently seen is forgotten. */
    @WithDefault("100000")
    int maxClients();

    /** An address unseen this long, with no export running, is forgotten. */
    @WithDefault("PT10M")
    Duration idleAfter();
}
