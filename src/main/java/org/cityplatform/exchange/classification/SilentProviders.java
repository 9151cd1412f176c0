package org.cityplatform.exchange.classification;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Art. 9: a provider's silence past the five working days is concurrence. Runs every ten minutes;
 * a due date is a day, so the day after it is noticed within that time. The workflow's own steps
 * settle an overdue proposal first as well.
 */
@ApplicationScoped
public class SilentProviders {

    private final ClassificationService service;
    private final ClassificationInvalidations invalidations;
    private final Clock clock;

    SilentProviders(ClassificationService service, ClassificationInvalidations invalidations, Clock clock) {
        this.service = service;
        this.invalidations = invalidations;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return service.settleOn(CityDays.today(clock)).flatMap(outcomes -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (ClassificationService.Outcome o : outcomes) {
                done = done.call(() -> invalidations.publish(o));
            }
            return done;
        });
    }
}
