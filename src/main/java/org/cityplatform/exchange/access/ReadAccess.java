package org.cityplatform.exchange.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cityplatform.exchange.agency.AgencyDirectory;
import org.cityplatform.exchange.agency.AgencyStanding;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.security.Caller;

/** Gathers what {@link AccessPolicy} needs for one read and turns a refusal into its problem. */
@ApplicationScoped
public class ReadAccess {

    private final CatalogDirectory catalog;
    private final AgencyDirectory agencies;

    ReadAccess(CatalogDirectory catalog, AgencyDirectory agencies) {
        this.catalog = catalog;
        this.agencies = agencies;
    }

    public Uni<ReadScope> authorize(Caller caller, String datasetCode) {
        Uni<Optional<AgencyStanding>> standing = caller.agency() == null
                ? Uni.createFrom().item(Optional.empty())
                : agencies.standing(caller.agency());
        return Uni.combine().all().unis(catalog.require(datasetCode), standing).asTuple().map(both -> {
            ReadDecision decision = AccessPolicy.decide(caller, both.getItem2().orElse(null), both.getItem1());
            if (decision instanceof ReadDecision.Refused refused) {
                throw refused.asProblem();
            }
            return new ReadScope(both.getItem1(), (ReadDecision.Allowed) decision);
        });
    }
}
