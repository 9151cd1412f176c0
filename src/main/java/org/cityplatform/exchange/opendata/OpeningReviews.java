package org.cityplatform.exchange.opendata;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.infra.CityDays;

/**
 * The review dates of approved openings of personal data (Art. 24): provider and center are told
 * {@link #NOTICE_DAYS} days before a review is due, and an opening whose review date has passed is
 * marked SUSPENDED and both are told. Reads treat a passed review date as suspended already, so
 * this check only makes the state visible in the lists and says so once. Runs every ten minutes;
 * several instances share the work by skipping the rows another holds.
 */
@ApplicationScoped
public class OpeningReviews {

    /** How long before its review date an opening's provider and the center are reminded. */
    static final int NOTICE_DAYS = 30;

    private static final String DUE = "SELECT o.dataset, d.provider, CAST(o.review_due AS text), "
            + "CASE WHEN o.review_due < :today THEN 'SUSPEND' ELSE 'REMIND' END FROM open_datasets o "
            + "JOIN datasets d ON d.code = o.dataset WHERE o.state = 'OPEN' AND o.review_due IS NOT NULL "
            + "AND (o.review_due < :today OR (o.review_due <= :soon AND o.review_notice_at IS NULL)) "
            + "ORDER BY o.dataset FOR UPDATE OF o SKIP LOCKED";
    private static final String SUSPEND = "UPDATE open_datasets SET state = 'SUSPENDED' WHERE dataset = :code";
    private static final String REMINDED = "UPDATE open_datasets SET review_notice_at = :at WHERE dataset = :code";

    private final NotificationService notifications;
    private final Clock clock;

    OpeningReviews(NotificationService notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 40, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return checkOn(CityDays.today(clock)).replaceWithVoid();
    }

    /** Suspends and reminds as of this city day; answers how many openings it suspended or reminded of. */
    @WithTransaction
    public Uni<Integer> checkOn(LocalDate today) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(DUE)
                .setParameter("today", today).setParameter("soon", today.plusDays(NOTICE_DAYS)).getResultList()
                .flatMap(rows -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Object row : (List<?>) rows) {
                        Object[] r = (Object[]) row;
                        String code = (String) r[0];
                        String provider = (String) r[1];
                        String due = (String) r[2];
                        boolean suspend = "SUSPEND".equals(r[3]);
                        String text = suspend
                                ? "the opening of dataset " + code + " is suspended: its security assessment was due "
                                        + "for review on " + due + "; nothing is published until the center approves "
                                        + "it again (Art. 24)"
                                : "the security assessment of open dataset " + code + " is due for review on " + due
                                        + "; unless the center approves it again by then, the opening is suspended (Art. 24)";
                        done = done.call(() -> (suspend
                                        ? session.createNativeQuery(SUSPEND).setParameter("code", code)
                                        : session.createNativeQuery(REMINDED).setParameter("code", code)
                                                .setParameter("at", now)).executeUpdate())
                                .call(() -> notifications.send(provider, NotificationKind.OPENING, "opening " + code, text))
                                .call(() -> notifications.send(Notification.CENTER, NotificationKind.OPENING,
                                        "opening " + code, text));
                    }
                    return done.replaceWith(((List<?>) rows).size());
                }));
    }
}
