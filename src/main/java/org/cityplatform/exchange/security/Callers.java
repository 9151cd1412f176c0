package org.cityplatform.exchange.security;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.cityplatform.exchange.problem.ForbiddenText;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the verified token of the current request into a {@link Caller}. An agency caller must act
 * for a registered, active agency (else 403 UNKNOWN_AGENCY); the center needs no registered agency
 * (docs/api.md, "Identity"); the center and ops never act for an agency (see {@link #fromToken}).
 */
@ApplicationScoped
public class Callers {

    public static final String AGENCY_CLAIM = "agency";
    // Agency codes are unified social credit codes (ASCII digits and capitals); some room for older forms.
    private static final Pattern AGENCY_CODE = Pattern.compile("[0-9A-Z]{1,32}");
    private static final int MAX_SUBJECT = 256;

    private final JsonWebToken token;
    private final AgencyStandings agencies;

    Callers(JsonWebToken token, AgencyStandings agencies) {
        this.token = token;
        this.agencies = agencies;
    }

    /** The caller of the current REST request, authenticated by SmallRye JWT. */
    public Uni<Caller> current() {
        return of(token);
    }

    /** The caller behind an already verified token (also used by the streaming Vert.x routes). */
    public Uni<Caller> of(JsonWebToken verified) {
        Caller caller;
        try {
            caller = fromToken(verified);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        if (!caller.is(Role.AGENCY)) {
            return Uni.createFrom().item(caller);
        }
        return agencies.standing(caller.agency()).map(standing -> {
            if (standing.isEmpty() || !standing.get().active()) {
                throw new ProblemException(ProblemCode.UNKNOWN_AGENCY,
                        "agency " + caller.agency() + " is not registered on the platform or is suspended");
            }
            return caller;
        });
    }

    /**
     * A token means one thing: it names exactly one of the groups center, agency, ops, and only an
     * agency token carries the {@code agency} claim. A token that mixes them is refused (403
     * FORBIDDEN_ROLE) rather than read one way or the other: a center token with an agency claim
     * would read that agency's data as its provider, an ops token with the agency group would read
     * record contents. The center that also wants to act as an agency uses that agency's own token.
     * Groups the platform does not know are ignored.
     */
    static Caller fromToken(JsonWebToken token) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : token.getGroups()) {
            Role.ofGroup(group).ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "the token carries none of the groups center, agency, ops");
        }
        if (roles.size() > 1) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "a token holds exactly one of the groups center, agency, ops; this one names " + names(roles));
        }
        Role role = roles.iterator().next();
        Object claim = token.getClaim(AGENCY_CLAIM);
        String agency = claim == null ? null
                : (claim instanceof jakarta.json.JsonString js ? js.getString() : claim.toString()).strip().toUpperCase();
        if (agency != null && agency.isEmpty()) {
            agency = null;
        }
        if (agency != null && !AGENCY_CODE.matcher(agency).matches()) {
            throw new ProblemException(ProblemCode.UNKNOWN_AGENCY, "the token's 'agency' claim is no agency code");
        }
        String sub = token.getSubject();
        if (sub != null && (sub.length() > MAX_SUBJECT || ForbiddenText.inComponent(sub) >= 0)) {
            // The subject is stored with every event of the caller: it must be storable text.
            throw new ProblemException(ProblemCode.UNAUTHENTICATED,
                    "the token's subject is longer than " + MAX_SUBJECT + " characters or holds control characters");
        }
        if (role == Role.AGENCY && agency == null) {
            throw new ProblemException(ProblemCode.UNKNOWN_AGENCY, "an agency token must carry the 'agency' claim");
        }
        if (role != Role.AGENCY && agency != null) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "a " + names(roles)
                    + " token acts for no agency and must not carry the 'agency' claim; use that agency's own token");
        }
        return new Caller(sub, agency, role);
    }

    private static String names(Set<Role> roles) {
        return String.join(", ", roles.stream().map(r -> r.name().toLowerCase()).toList());
    }
}
