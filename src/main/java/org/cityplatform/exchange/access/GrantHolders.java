package org.cityplatform.exchange.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.cityplatform.exchange.catalog.DatasetAudience;
import org.cityplatform.exchange.infra.CityDays;

/** The catalog's audience of a dataset: the consumers whose grants on it are in force. */
@ApplicationScoped
public class GrantHolders implements DatasetAudience {

    private final AccessRepositories.Grants grants;
    private final Clock clock;

    GrantHolders(AccessRepositories.Grants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Uni<List<String>> holders(String dataset) {
        return grants.find("dataset = ?1 and revokedAt is null and validUntil >= ?2", dataset, CityDays.today(clock))
                .list().map(found -> found.stream().map(g -> g.consumer).distinct().sorted().toList());
    }
}
