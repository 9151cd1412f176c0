package org.cityplatform.exchange.supervision;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.agency.AgencyRepository;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The agency an order, criticism or violation is addressed to (Art. 35, 36): it must be a
 * registered agency, and it alone of the agencies sees what is addressed to it.
 */
@ApplicationScoped
class Addressees {

    private final AgencyRepository agencies;

    Addressees(AgencyRepository agencies) {
        this.agencies = agencies;
    }

    /** The canonical code of a registered agency named in a request body; else 400 naming the field. */
    Uni<String> registered(String raw) {
        String code = UnifiedSocialCreditCode.canonical(raw);
        return agencies.findById(code).map(agency -> {
            if (agency == null) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "agency: agency " + code + " is not registered");
            }
            return code;
        });
    }

    /**
     * Whose items a caller lists: the center anyone's (or all, null), an agency only its own. An
     * agency asking for another's is refused rather than answered with an empty list.
     */
    static String listedFor(Caller caller, String agencyFilter) {
        String wanted = agencyFilter == null || agencyFilter.isBlank() ? null
                : UnifiedSocialCreditCode.canonical(agencyFilter);
        if (caller.isCenter()) {
            return wanted;
        }
        caller.require(Role.AGENCY);
        if (wanted != null && !wanted.equals(caller.agency())) {
            throw new ProblemException(ProblemCode.NOT_ADDRESSEE, "an agency lists only what is addressed to it");
        }
        return caller.agency();
    }

    /** The center sees every item; an agency only those addressed to it. */
    static void requireSees(Caller caller, String addressee, String what) {
        if (caller.isCenter()) {
            return;
        }
        caller.require(Role.AGENCY);
        if (!caller.agency().equals(addressee)) {
            throw new ProblemException(ProblemCode.NOT_ADDRESSEE, what + " is addressed to another agency");
        }
    }
}
