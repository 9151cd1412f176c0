package org.cityplatform.exchange.security;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Where a caller's agency is looked up: registered, active, agreement signed. Defined here and
 * served by the agency directory, so that authentication depends on no feature above it.
 */
public interface AgencyStandings {

    /** The agency's standing, or empty when no agency has that code. */
    Uni<Optional<AgencyStanding>> standing(String code);
}
