package org.cityplatform.exchange.agreements;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Tells the signatories of earlier versions when a version published for a later day takes force
 * (Art. 32). A version effective on the day it is published is announced by its publication. Reads
 * do not wait for this job: the grace period's end is known from publication.
 */
@ApplicationScoped
public class AgreementNotices {

    private final AgreementService service;
    private final Clock clock;

    AgreementNotices(AgreementService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 50, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return service.announceDue(CityDays.today(clock));
    }
}
