package org.cityplatform.exchange.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

/** Limits of applications and grants. */
@ConfigMapping(prefix = "exchange.access")
public interface AccessSettings {

    /**
     * The longest a grant may run, counted from the day it is asked for (an application's
     * submission, the center's designation): a date like +999999-01-01 would make a grant
     * permanent, and a grant is meant to be looked at again. Beyond it: 400 INVALID_REQUEST.
     */
    @WithDefault("P5Y")
    Period maxGrantPeriod();
}
