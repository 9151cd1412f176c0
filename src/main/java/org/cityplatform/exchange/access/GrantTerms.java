package org.cityplatform.exchange.access;

import java.time.LocalDate;
import java.util.Set;

/** What a read decision needs of one grant. */
public record GrantTerms(long id, Set<String> fields, DataUse use, LocalDate validUntil, boolean revoked,
                         Set<GrantScope> scopes) {

    /** An expired grant (validUntil past) counts as none (docs/api.md); the last day is still valid. */
    public boolean activeOn(LocalDate today) {
        return !revoked && !validUntil.isBefore(today);
    }
}
