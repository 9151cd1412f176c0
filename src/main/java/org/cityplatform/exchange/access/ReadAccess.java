package org.cityplatform.exchange.access;

import org.cityplatform.exchange.infra.CityDays;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.cityplatform.exchange.agency.AgencyDirectory;
import org.cityplatform.exchange.security.AgencyStanding;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.security.Caller;

/** Gathers what {@link AccessPolicy} needs for one read and turns a refusal into its problem. */
@ApplicationScoped
public class ReadAccess {

    private final CatalogDirectory catalog;
    private final AgencyDirectory agencies;
    private final GrantDirectory grants;
    private final Clock clock;

    ReadAccess(CatalogDirectory catalog, AgencyDirectory agencies, GrantDirectory grants, Clock clock) {
        this.catalog = catalog;
        this.agencies = agencies;
        this.grants = grants;
        this.clock = clock;
    }

    public Uni<ReadScope> authorize(Caller caller, String datasetCode, DataUse use, GrantScope scope) {
        return catalog.require(datasetCode).flatMap(dataset -> decide(caller, dataset, use, scope));
    }

    /** The decision for a dataset already at hand (subject lookups walk many). */
    public Uni<ReadDecision> decision(Caller caller, CatalogEntry dataset, DataUse use, GrantScope scope) {
        return standing(caller).flatMap(standing -> grantsNeeded(caller, dataset, use)
                .map(held -> AccessPolicy.decide(caller, standing, dataset, held, use, scope, CityDays.today(clock))));
    }

    /** Fails with the caller's refusal when it may read nothing at all (ops, unknown agency, no agreement). */
    public Uni<Void> requireReader(Caller caller) {
        return standing(caller).invoke(standing -> {
            ReadDecision.Refused refused = AccessPolicy.refuseCaller(caller, standing, CityDays.today(clock));
            if (refused != null && refused.code() != org.cityplatform.exchange.problem.ProblemCode.NO_GRANT) {
                throw refused.asProblem();
            }
        }).replaceWithVoid();
    }

    private Uni<ReadScope> decide(Caller caller, CatalogEntry dataset, DataUse use, GrantScope scope) {
        return decision(caller, dataset, use, scope).map(decision -> {
            if (decision instanceof ReadDecision.Refused refused) {
                throw refused.asProblem();
            }
            return new ReadScope(dataset, (ReadDecision.Allowed) decision);
        });
    }

    private Uni<AgencyStanding> standing(Caller caller) {
        return caller.agency() == null
                ? Uni.createFrom().nullItem()
                : agencies.standing(caller.agency()).map(found -> found.orElse(null));
    }

    // Providers and duty reads of unconditional data need no grant: spare the lookup.
    private Uni<List<GrantTerms>> grantsNeeded(Caller caller, CatalogEntry dataset, DataUse use) {
        boolean needed = caller.agency() != null && !dataset.provider().equals(caller.agency())
                && !(dataset.sharingClass() == SharingClass.UNCONDITIONAL && use == DataUse.DUTY);
        return needed ? grants.of(caller.agency(), dataset.code()) : Uni.createFrom().item(List.of());
    }
}
