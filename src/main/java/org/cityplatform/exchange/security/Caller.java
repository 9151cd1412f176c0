package org.cityplatform.exchange.security;

import java.util.Objects;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Who is calling: the person or system ({@code sub}), its one role, and the agency it acts for, all
 * taken from a verified token. A token means one thing (see {@link Callers}): {@code agency} is set
 * exactly when the role is {@link Role#AGENCY}; the center and ops never act for an agency.
 */
public record Caller(String sub, String agency, Role role) {

    public Caller {
        Objects.requireNonNull(role, "role");
        if ((role == Role.AGENCY) != (agency != null)) {
            throw new IllegalArgumentException("an agency, and only an agency, acts for an agency: " + role + ", " + agency);
        }
    }

    public boolean is(Role role) {
        return this.role == role;
    }

    public boolean isCenter() {
        return is(Role.CENTER);
    }

    /** True when this caller acts for the given agency (as that agency's own system). */
    public boolean actsFor(String agencyCode) {
        return is(Role.AGENCY) && agency.equals(agencyCode);
    }

    public Caller require(Role role) {
        if (!is(role)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "this needs the '" + role.name().toLowerCase() + "' role");
        }
        return this;
    }
}
