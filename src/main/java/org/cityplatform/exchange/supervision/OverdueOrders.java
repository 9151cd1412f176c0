package org.cityplatform.exchange.supervision;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Marks rectification orders whose day passed without a response (Art. 35) as late and tells the
 * ordered agency and the center, once per order and due day: an order opened again with a new day
 * is announced again when that one passes. Runs every ten minutes; a due day is a date, so the
 * day it passes is noticed within that time.
 */
@ApplicationScoped
public class OverdueOrders {

    private final SupervisionRepositories.Orders orders;
    private final NotificationService notifications;
    private final Clock clock;
    private final AtomicInteger overdue = new AtomicInteger();

    OverdueOrders(SupervisionRepositories.Orders orders, NotificationService notifications, Clock clock,
                  MeterRegistry registry) {
        this.orders = orders;
        this.notifications = notifications;
        this.clock = clock;
        Gauge.builder("exchange.orders.overdue", overdue, AtomicInteger::get)
                .description("Rectification orders past their due day without a response (Art. 35), as of the last check")
                .register(registry);
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return markOn(CityDays.today(clock)).replaceWithVoid();
    }

    /** Marks and announces what is overdue on this day; answers how many orders are overdue in all. */
    @WithTransaction
    public Uni<Integer> markOn(LocalDate today) {
        Uni<List<RectificationOrder>> late = orders.list("status = ?1 and dueOn < ?2", OrderStatus.OPEN, today);
        return late.flatMap(all -> {
            overdue.set(all.size());
            Uni<Void> done = Uni.createFrom().voidItem();
            for (RectificationOrder o : all) {
                if (o.dueOn.equals(o.overdueNoticeFor)) {
                    continue;
                }
                o.late = true;
                o.overdueNoticeFor = o.dueOn;
                String subject = RectificationOrderService.subject(o);
                done = done.call(() -> notifications.send(o.agency, NotificationKind.OVERDUE, subject,
                                "your response to rectification order " + o.id + " was due " + o.dueOn + " (Art. 35)"))
                        .call(() -> notifications.send(Notification.CENTER, NotificationKind.OVERDUE, subject,
                                "agency " + o.agency + " has not responded to rectification order " + o.id + ", due "
                                        + o.dueOn + " (Art. 35)"));
            }
            return done.replaceWith(all.size());
        });
    }
}
