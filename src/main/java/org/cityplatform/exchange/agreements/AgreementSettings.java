package org.cityplatform.exchange.agreements;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The platform agreement's versions (Art. 32). */
@ConfigMapping(prefix = "exchange.agreement")
public interface AgreementSettings {

    /**
     * Working days on the official calendar, after the day a new version takes force, through which
     * a signature of an earlier version still lets its agency read. Fixed for a version when it is
     * published.
     */
    @WithDefault("30")
    int gracePeriod();
}
