package org.cityplatform.exchange.catalog;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Invalidations;

/**
 * Retires the RETIRING datasets whose day has come (Art. 3, 33) and says so to every instance. Runs
 * every ten minutes; meanwhile reads and pushes already treat such a dataset as retired
 * ({@link CatalogEntry#retiredOn}), so the job only makes it so in the catalog, ends its grants and
 * sends its notices.
 */
@ApplicationScoped
public class DueRetirements {

    private final DatasetRetirementService retirements;
    private final Invalidations invalidations;
    private final Clock clock;

    DueRetirements(DatasetRetirementService retirements, Invalidations invalidations, Clock clock) {
        this.retirements = retirements;
        this.invalidations = invalidations;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return retirements.retireDue(CityDays.today(clock))
                .flatMap(codes -> Multi.createFrom().iterable(codes)
                        .onItem().transformToUniAndConcatenate(code -> invalidations.publish(Invalidations.Topic.DATASET, code))
                        .collect().last().replaceWithVoid());
    }
}
