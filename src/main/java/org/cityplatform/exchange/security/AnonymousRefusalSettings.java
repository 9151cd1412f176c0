package org.cityplatform.exchange.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many audit events unauthenticated refusals on the data routes may write. Anyone can send
 * requests without a token; each refusal used to be an audit event, so anyone could grow the trail
 * at will. Every refusal is still counted (metrics); only the events are bounded.
 */
@ConfigMapping(prefix = "exchange.security.anonymous-refusals")
public interface AnonymousRefusalSettings {

    /** Events written per client address and minute; further refusals from it are only counted. */
    @WithDefault("10")
    int eventsPerAddressPerMinute();

    /** Events written per minute for all addresses together: many addresses cost no more than this. */
    @WithDefault("600")
    int eventsPerMinute();

    /** Addresses tracked within a minute; beyond it the least recently seen one is forgotten. */
    @WithDefault("10000")
    int maxAddresses();
}
