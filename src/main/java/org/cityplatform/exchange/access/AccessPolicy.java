package org.cityplatform.exchange.access;

import java.util.Set;
import java.util.stream.Collectors;
import org.cityplatform.exchange.agency.AgencyStanding;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The one place that decides every read of record data (lookup, changes, export, subject lookup).
 * A plain class: the rules are the policy's, not the framework's, and are tested as a table.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * @param standing the standing of the caller's agency, or null when the caller acts for none
     */
    public static ReadDecision decide(Caller caller, AgencyStanding standing, CatalogEntry dataset) {
        if (!caller.is(Role.AGENCY) && !caller.isCenter()) {
            return new ReadDecision.Refused(ProblemCode.FORBIDDEN_ROLE, "ops staff never read record contents");
        }
        if (caller.agency() == null) {
            // API.md: reading record contents is no privilege of the center's role.
            return new ReadDecision.Refused(ProblemCode.NO_GRANT,
                    "the center reads records through grants like any consumer; this token acts for no agency");
        }
        if (standing == null || !standing.active()) {
            return new ReadDecision.Refused(ProblemCode.UNKNOWN_AGENCY,
                    "agency " + caller.agency() + " is not registered on the platform or is suspended");
        }
        if (!standing.agreementSigned()) {
            return new ReadDecision.Refused(ProblemCode.AGREEMENT_REQUIRED, "agency " + caller.agency()
                    + " must sign the platform data use and protection agreement before reading data (Art. 32)");
        }
        if (dataset.provider().equals(caller.agency())) {
            // A provider always reads its own data whole (API.md, "Records").
            return whole(dataset);
        }
        if (dataset.isActive() && dataset.sharingClass() == SharingClass.UNCONDITIONAL) {
            return whole(dataset); // Art. 17
        }
        return new ReadDecision.Refused(ProblemCode.NO_GRANT, "agency " + caller.agency() + " holds no grant for "
                + describe(dataset.sharingClass()) + " dataset " + dataset.code() + " (Art. 18, 19)");
    }

    private static ReadDecision whole(CatalogEntry dataset) {
        Set<String> all = dataset.fields().stream().map(FieldDefinition::name).collect(Collectors.toUnmodifiableSet());
        return new ReadDecision.Allowed(all, true);
    }

    private static String describe(SharingClass sharingClass) {
        return sharingClass == null ? "unclassified" : sharingClass.name();
    }
}
