package org.cityplatform.exchange.access;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.security.AgencyStanding;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The one place that decides every read of record data (lookup, changes, export, subject lookup)
 * from the caller, the dataset, the caller's grants on it, the declared use and the kind of read
 * (its scope: LOOKUP for a record by key and subject lookups, SYNC for changes, EXPORT for export). A plain class: the
 * rules are the policy's, not the framework's, and are tested as a decision table.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * @param standing the standing of the caller's agency, or null when it is not registered
     * @param grants   the caller's grants on this dataset, in any state
     * @param scope    the kind of read asked for
     */
    public static ReadDecision decide(Caller caller, AgencyStanding standing, CatalogEntry dataset,
                                      List<GrantTerms> grants, DataUse use, GrantScope scope, LocalDate today) {
        ReadDecision.Refused refusal = refuseCaller(caller, standing, today);
        if (refusal != null) {
            return refusal;
        }
        if (dataset.retiredOn(today)) {
            // Art. 3, 33: a retired dataset is read by no one, its provider included; the catalog keeps it.
            return refuse(ProblemCode.DATASET_RETIRED, "dataset " + dataset.code() + " was retired on "
                    + dataset.retiresOn() + " and is no longer read");
        }
        if (dataset.provider().equals(caller.agency())) {
            return whole(dataset); // a provider always reads its own data whole (docs/api.md, "Records")
        }
        if (!dataset.isActive()) {
            return refuse(ProblemCode.NO_GRANT, "dataset " + dataset.code() + " is not yet classified for sharing");
        }
        if (dataset.sharingClass() == SharingClass.UNCONDITIONAL && use == DataUse.DUTY) {
            return whole(dataset); // Art. 17: no grant needed, and every kind of read
        }
        Set<String> granted = new HashSet<>();
        boolean activeForUse = false;
        for (GrantTerms grant : grants) {
            if (grant.use() == use && grant.activeOn(today)) {
                activeForUse = true;
                if (grant.scopes().contains(scope)) {
                    granted.addAll(grant.fields());
                }
            }
        }
        if (!activeForUse) {
            return refuse(ProblemCode.NO_GRANT, whyNoGrant(caller, dataset, grants, use, today));
        }
        if (granted.isEmpty()) {
            // Art. 18, 24: a grant allows the kinds of read it was given for, and no other.
            return refuse(ProblemCode.SCOPE_NOT_GRANTED, "agency " + caller.agency() + " holds no grant on "
                    + dataset.code() + " for " + use.name().toLowerCase() + " use with scope " + scope
                    + " (" + scopeRead(scope) + "); apply for it");
        }
        // Art. 24: only the granted fields, and only those the dataset still has.
        Set<String> all = dataset.fieldNames();
        granted.retainAll(all);
        return new ReadDecision.Allowed(Set.copyOf(granted), granted.equals(all));
    }

    /** Refusals that concern the caller whatever it reads; null when it may read at all. */
    public static ReadDecision.Refused refuseCaller(Caller caller, AgencyStanding standing, LocalDate today) {
        if (caller.is(Role.OPS)) {
            return refuse(ProblemCode.FORBIDDEN_ROLE, "ops staff never read record contents");
        }
        if (!caller.is(Role.AGENCY)) {
            // docs/api.md: reading record contents is no privilege of the center's role. A center token
            // never acts for an agency (Callers): the center reads with its registered agency's token.
            return refuse(ProblemCode.NO_GRANT, "the center reads records through grants like any consumer, "
                    + "with the token of an agency it registered; a center token acts for no agency");
        }
        if (standing == null || !standing.active()) {
            return refuse(ProblemCode.UNKNOWN_AGENCY,
                    "agency " + caller.agency() + " is not registered on the platform or is suspended");
        }
        if (!standing.agreementSigned()) {
            return refuse(ProblemCode.AGREEMENT_REQUIRED, "agency " + caller.agency()
                    + " must sign the platform data use and protection agreement before reading data (Art. 32)");
        }
        if (!standing.agreementCountsOn(today)) {
            // Art. 32: a signature of a superseded version counts through the new version's grace period only.
            return refuse(ProblemCode.AGREEMENT_REQUIRED, "the agreement version agency " + caller.agency()
                    + " signed was superseded and its grace period ended on " + standing.agreementGraceEnds()
                    + "; sign the version in force (GET /api/v1/agreements) to read data again (Art. 32)");
        }
        return null;
    }

    private static String whyNoGrant(Caller caller, CatalogEntry dataset, List<GrantTerms> grants, DataUse use,
                                     LocalDate today) {
        String base = "agency " + caller.agency() + " holds no grant to read " + dataset.sharingClass()
                + " dataset " + dataset.code() + " for " + use.name().toLowerCase() + " use";
        boolean revoked = grants.stream().anyMatch(g -> g.use() == use && g.revoked());
        boolean expired = grants.stream().anyMatch(g -> g.use() == use && !g.revoked() && !g.activeOn(today));
        String law = use == DataUse.DEVELOPMENT ? " (Art. 4(3))" : dataset.sharingClass() == SharingClass.SPECIAL
                ? " (Art. 19)" : " (Art. 18)";
        return base + (expired ? "; its grant has expired" : revoked ? "; its grant was revoked" : "") + law;
    }

    private static String scopeRead(GrantScope scope) {
        return switch (scope) {
            case LOOKUP -> "records by key and subject lookups";
            case SYNC -> "the change feed";
            case EXPORT -> "bulk export";
        };
    }

    private static ReadDecision whole(CatalogEntry dataset) {
        return new ReadDecision.Allowed(dataset.fieldNames(), true);
    }

    private static ReadDecision.Refused refuse(ProblemCode code, String reason) {
        return new ReadDecision.Refused(code, reason);
    }
}
