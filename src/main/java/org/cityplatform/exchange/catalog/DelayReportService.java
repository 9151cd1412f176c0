package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.DelayBodies.FileDelay;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Art. 28: a provider that cannot provide or update a dataset as required reports why, and by when
 * it expects to; the center is told. The report is evidence for the assessment (Art. 34), which
 * counts the dataset as excused rather than late while the report is open.
 */
@ApplicationScoped
public class DelayReportService {

    /** How far ahead a provider may promise: a longer delay is no delay but a failure to provide. */
    static final int MAX_YEARS_AHEAD = 1;

    private final DelayReportRepository reports;
    private final CatalogService catalog;
    private final NotificationService notifications;
    private final Clock clock;

    DelayReportService(DelayReportRepository reports, CatalogService catalog, NotificationService notifications,
                       Clock clock) {
        this.reports = reports;
        this.catalog = catalog;
        this.notifications = notifications;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<DelayReport> file(Caller caller, String code, FileDelay body) {
        return catalog.get(caller, code).flatMap(d -> {
            if (caller.is(Role.OPS)) {
                throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "ops callers do not report delays");
            }
            if (!caller.actsFor(d.provider)) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER, "only its provider " + d.provider
                        + " reports a delay of dataset " + code + " (Art. 28)");
            }
            if (d.status != DatasetStatus.ACTIVE) {
                throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE,
                        "dataset " + code + " is not yet classified: nothing is due from it");
            }
            if (body.reason() == null || body.reason().isBlank()) {
                throw new ProblemException(ProblemCode.REASON_REQUIRED, "a delay report says why (Art. 28): reason");
            }
            LocalDate today = CityDays.today(clock);
            if (body.expectedBy().isBefore(today)) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "expectedBy: must not be in the past");
            }
            if (body.expectedBy().isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST,
                        "expectedBy: must be within " + MAX_YEARS_AHEAD + " year of today");
            }
            DelayReport r = new DelayReport();
            r.dataset = d.code;
            r.reason = body.reason().strip();
            r.expectedBy = body.expectedBy();
            r.filedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            r.filedBy = caller.sub();
            return reports.persist(r);
        }).call(r -> notifications.send(Notification.CENTER, NotificationKind.DELAY_REPORTED, "dataset " + r.dataset,
                "the provider of " + r.dataset + " cannot update it on time and expects to by " + r.expectedBy
                        + ": " + r.reason));
    }

    /** The dataset's reports, newest first, for anyone who may see the dataset. */
    @WithSession
    public Uni<List<DelayReport>> list(Caller caller, String code, int offset, int limit) {
        return catalog.get(caller, code).flatMap(d -> reports.of(d.code, offset, limit));
    }
}
