package org.cityplatform.exchange.security;

import java.time.LocalDate;

/**
 * What every request needs to know about the calling agency, without loading the entity.
 *
 * @param agreementSigned     whether the agency signed the platform agreement (Art. 32) at all
 * @param agreementGraceEnds  when a later version than the one it signed was published: the last
 *                            day its signature still counts (the new version's grace period); null
 *                            while its signature counts without end
 */
public record AgencyStanding(String code, boolean active, boolean agreementSigned, LocalDate agreementGraceEnds) {

    /** An agency whose signature, if any, does not lapse. */
    public AgencyStanding(String code, boolean active, boolean agreementSigned) {
        this(code, active, agreementSigned, null);
    }

    /** Whether the agency may read under its agreement on the day (Art. 32). */
    public boolean agreementCountsOn(LocalDate day) {
        return agreementSigned && (agreementGraceEnds == null || !day.isAfter(agreementGraceEnds));
    }
}
