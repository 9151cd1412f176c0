package org.cityplatform.exchange.access;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Says once that a consultation of a provider went past its due day (Art. 18; 5 working days):
 * to the provider, to the applicant and to the center. Runs every ten minutes; a due day is a
 * date, so the day it passes is noticed within that time.
 */
@ApplicationScoped
public class OverdueConsultations {

    private final AccessRepositories.Applications applications;
    private final NotificationService notifications;
    private final CatalogDirectory catalog;
    private final Clock clock;

    OverdueConsultations(AccessRepositories.Applications applications, NotificationService notifications,
                         CatalogDirectory catalog, Clock clock) {
        this.applications = applications;
        this.notifications = notifications;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return markOn(CityDays.today(clock)).replaceWithVoid();
    }

    /** Marks and announces the consultations overdue on this day; answers how many were newly marked. */
    @WithTransaction
    public Uni<Integer> markOn(LocalDate today) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<List<Application>> late = applications.list("status = ?1 and providerDue < ?2 and providerOverdueAt is null",
                ApplicationStatus.CONSULTING, today);
        return late.flatMap(all -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (Application a : all) {
                a.providerOverdueAt = now;
                String text = "the provider's answer to application " + a.id + " of agency " + a.consumer + " to read "
                        + a.dataset + " was due " + a.providerDue + " (5 working days, Art. 18)";
                done = done.call(() -> catalog.require(a.dataset).map(CatalogEntry::provider)
                        .call(provider -> notifications.send(provider, NotificationKind.OVERDUE, "application " + a.id, text))
                        .call(() -> notifications.send(a.consumer, NotificationKind.OVERDUE, "application " + a.id, text))
                        .call(() -> notifications.send(Notification.CENTER, NotificationKind.OVERDUE,
                                "application " + a.id, text)));
            }
            return done.replaceWith(all.size());
        });
    }
}
