package org.cityplatform.exchange.security;

import java.util.Set;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Who is calling: the person or system ({@code sub}), the agency it acts for, and its roles, all
 * taken from a verified token. {@code agency} is null only for center and ops callers without one.
 */
public record Caller(String sub, String agency, Set<Role> roles) {

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public boolean isCenter() {
        return is(Role.CENTER);
    }

    /** True when this caller acts for the given agency (as that agency's own system). */
    public boolean actsFor(String agencyCode) {
        return agency != null && agency.equals(agencyCode) && is(Role.AGENCY);
    }

    public Caller require(Role role) {
        if (!is(role)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "this needs the '" + role.name().toLowerCase() + "' role");
        }
        return this;
    }

    public Caller requireAny(Role first, Role second) {
        if (!is(first) && !is(second)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "this needs the '" + first.name().toLowerCase()
                    + "' or '" + second.name().toLowerCase() + "' role");
        }
        return this;
    }
}
