package org.cityplatform.exchange.catalog;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Invalidations;

/**
 * Retires the RETIRING datasets whose day has come (Art. 3, 33) and says so to every instance. Runs
 * every ten minutes; meanwhile reads and pushes already treat such a dataset as retired
 * ({@link CatalogEntry#retiredOn}), so the job only makes it so in the catalog, ends its grants and
 * sends its notices. No request makes this change, so the job records its CATALOG event itself.
 */
@ApplicationScoped
public class DueRetirements {

    /** The audit trail's requester of the job's changes. */
    static final String SYSTEM = "system";

    private final DatasetRetirementService retirements;
    private final Invalidations invalidations;
    private final AuditTrail trail;
    private final Clock clock;

    DueRetirements(DatasetRetirementService retirements, Invalidations invalidations, AuditTrail trail, Clock clock) {
        this.retirements = retirements;
        this.invalidations = invalidations;
        this.trail = trail;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return retireOn(CityDays.today(clock)).replaceWithVoid();
    }

    /** Retires what is due on this city day, once committed announces it and audits it; answers the codes. */
    Uni<List<String>> retireOn(LocalDate today) {
        return retirements.retireDue(today)
                .call(codes -> Multi.createFrom().iterable(codes)
                        .onItem().transformToUniAndConcatenate(code -> invalidations.publish(Invalidations.Topic.DATASET, code)
                                .call(() -> trail.record(new Requester(null, SYSTEM, "retirement-" + code + "-" + today, null)
                                        .ok(AuditAction.CATALOG, code, null, null, null, null))))
                        .collect().last());
    }
}
