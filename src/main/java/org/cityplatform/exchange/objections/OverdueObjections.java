package org.cityplatform.exchange.objections;

import org.cityplatform.exchange.infra.CityDays;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.catalog.CatalogEntry;

/**
 * Marks objections past their deadline (Art. 20) and says so once: an overdue review to the
 * center, an overdue provider check to the provider and the center. Runs every ten minutes; a
 * deadline is a date, so the day it passes is noticed within that time.
 */
@ApplicationScoped
public class OverdueObjections {

    private final ObjectionRepository objections;
    private final NotificationService notifications;
    private final CatalogDirectory catalog;
    private final Clock clock;
    private final AtomicInteger overdue = new AtomicInteger();

    OverdueObjections(ObjectionRepository objections, NotificationService notifications, CatalogDirectory catalog,
                      Clock clock, MeterRegistry registry) {
        this.objections = objections;
        this.notifications = notifications;
        this.catalog = catalog;
        this.clock = clock;
        Gauge.builder("exchange.objections.overdue", overdue, AtomicInteger::get)
                .description("Objections past their deadline (Art. 20), as of the last check").register(registry);
    }

    @Scheduled(every = "10m", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return markOn(CityDays.today(clock)).replaceWithVoid();
    }

    /** Marks and announces what is overdue on this day; answers how many objections are overdue in all. */
    @WithTransaction
    public Uni<Integer> markOn(LocalDate today) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<List<Objection>> late = objections.list(
                "(status = ?1 and reviewDue < ?3) or (status = ?2 and providerDue < ?3)",
                ObjectionStatus.OPEN, ObjectionStatus.PROVIDER_CHECK, today);
        return late.flatMap(all -> {
            overdue.set(all.size());
            Uni<Void> done = Uni.createFrom().voidItem();
            for (Objection o : all) {
                if (o.status == ObjectionStatus.OPEN && o.reviewOverdueAt == null) {
                    o.reviewOverdueAt = now;
                    done = done.call(() -> notifications.send(Notification.CENTER, NotificationKind.OVERDUE,
                            "objection " + o.id, "the review of objection " + o.id + " to " + o.dataset + "/" + o.key
                                    + " was due " + o.reviewDue + " (5 working days, Art. 20)"));
                } else if (o.status == ObjectionStatus.PROVIDER_CHECK && o.providerOverdueAt == null) {
                    o.providerOverdueAt = now;
                    String text = "the provider's check of objection " + o.id + " to " + o.dataset + "/" + o.key
                            + " was due " + o.providerDue + " (3 working days, Art. 20)";
                    done = done.call(() -> catalog.require(o.dataset).map(CatalogEntry::provider)
                            .call(provider -> notifications.send(provider, NotificationKind.OVERDUE, "objection " + o.id, text))
                            .call(provider -> notifications.send(Notification.CENTER, NotificationKind.OVERDUE,
                                    "objection " + o.id, text)));
                }
            }
            return done.replaceWith(all.size());
        });
    }
}
