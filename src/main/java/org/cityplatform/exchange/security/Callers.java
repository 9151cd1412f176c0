package org.cityplatform.exchange.security;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.cityplatform.exchange.agency.AgencyDirectory;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the verified token of the current request into a {@link Caller}. An agency caller must act
 * for a registered, active agency (else 403 UNKNOWN_AGENCY); the center needs no registered agency
 * (API.md, "Identity"); ops never acts for an agency.
 */
@ApplicationScoped
public class Callers {

    public static final String AGENCY_CLAIM = "agency";

    private final JsonWebToken token;
    private final AgencyDirectory agencies;

    Callers(JsonWebToken token, AgencyDirectory agencies) {
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
        if (!caller.is(Role.AGENCY) || caller.isCenter()) {
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

    static Caller fromToken(JsonWebToken token) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : token.getGroups()) {
            Role.ofGroup(group).ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "the token carries none of the groups center, agency, ops");
        }
        Object claim = token.getClaim(AGENCY_CLAIM);
        String agency = claim == null ? null
                : (claim instanceof jakarta.json.JsonString js ? js.getString() : claim.toString()).strip().toUpperCase();
        if (agency != null && agency.isEmpty()) {
            agency = null;
        }
        if (roles.contains(Role.AGENCY) && agency == null) {
            throw new ProblemException(ProblemCode.UNKNOWN_AGENCY, "an agency token must carry the 'agency' claim");
        }
        return new Caller(token.getSubject(), agency, Set.copyOf(roles));
    }
}
