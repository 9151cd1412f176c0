package org.cityplatform.exchange.assessment;

import org.cityplatform.exchange.infra.CityDays;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.calendar.WorkingDays;

/**
 * Computes the assessment of every agency for a period [from, to) of the city's days (Art. 34),
 * from the records, the audit trail, the catalog, objections and applications:
 * <ul>
 * <li>a dataset is timely when its last change is no older, at the period's end (or now, if
 *     sooner), than its declared update cycle allows; one that is not is excused when its provider
 *     reported the delay (Art. 28) before the period ended, expecting to update no earlier than the
 *     last day assessed, and has changed nothing since the report; else it is overdue, as is a
 *     dataset never provided and not excused;</li>
 * <li>reads by others: lookups, change pages and exports of its datasets that other agencies
 *     were served (audit events with outcome OK; an export counts once);</li>
 * <li>objections received on its datasets in the period, and those whose provider check went
 *     past its deadline (Art. 20);</li>
 * <li>applications for its datasets submitted in the period and decided, and of those the ones
 *     decided within 10 working days: the answer period for conditionally shared information in the
 *     State Council's interim measures on government information resource sharing
 *     (国务院《政务信息资源共享管理暂行办法》, 国发〔2016〕51号), cited on the public page;</li>
 * <li>consultations on applications submitted in the period that went past their due day
 *     (Art. 18): announced as overdue (then counted even if answered since), or still open past it.</li>
 * </ul>
 */
@ApplicationScoped
public class AssessmentFigures {

    static final int APPLICATION_WORKING_DAYS = 10;

    private static final String FIGURES = """
            WITH provided AS (
                SELECT d.provider, count(*) AS datasets,
                       sum(coalesce(r.provided, 0)) AS provided, sum(coalesce(r.changed, 0)) AS changed,
                       count(*) FILTER (WHERE t.timely) AS timely,
                       count(*) FILTER (WHERE NOT t.timely AND EXISTS (
                           SELECT 1 FROM delay_reports x WHERE x.dataset = d.code AND x.filed_at < $2
                               AND x.expected_by >= $5 AND (r.last_change IS NULL OR r.last_change < x.filed_at)
                       )) AS excused
                FROM datasets d
                LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE NOT deleted) AS provided,
                           count(*) FILTER (WHERE updated_at >= $1 AND updated_at < $2) AS changed,
                           max(updated_at) FILTER (WHERE updated_at < $3) AS last_change
                    FROM records WHERE dataset_id = d.id) r ON true
                CROSS JOIN LATERAL (
                    SELECT r.last_change IS NOT NULL AND r.last_change >= $3 - CASE d.update_cycle
                        WHEN 'MONTHLY' THEN interval '1 month' WHEN 'WEEKLY' THEN interval '7 days'
                        ELSE interval '1 day' END AS timely) t
                WHERE d.status IN ('ACTIVE', 'RETIRING')
                GROUP BY d.provider
            ), used AS (
                SELECT d.provider, count(*) AS reads, count(DISTINCT e.agency) AS consumers
                FROM audit_events e JOIN datasets d ON d.code = e.dataset
                WHERE e.at >= $1 AND e.at < $2 AND e.outcome = 'OK' AND e.action IN ('READ', 'CHANGES', 'EXPORT')
                  AND NOT (e.action = 'EXPORT' AND e.count IS NOT NULL)
                  AND e.agency IS NOT NULL AND e.agency <> d.provider
                GROUP BY d.provider
            ), objected AS (
                SELECT d.provider, count(*) AS received,
                       count(*) FILTER (WHERE o.provider_overdue_at IS NOT NULL
                                          OR (o.status = 'PROVIDER_CHECK' AND o.provider_due < $4)
                                          OR (o.provider_answered_at IS NOT NULL
                                              AND o.provider_answered_at::date > o.provider_due)) AS overdue
                FROM objections o JOIN datasets d ON d.code = o.dataset
                WHERE o.filed_at >= $1 AND o.filed_at < $2
                GROUP BY d.provider
            ), consulted AS (
                SELECT d.provider, count(*) AS overdue
                FROM applications a JOIN datasets d ON d.code = a.dataset
                WHERE a.submitted_at >= $1 AND a.submitted_at < $2 AND a.provider_due IS NOT NULL
                  AND (a.provider_overdue_at IS NOT NULL OR (a.status = 'CONSULTING' AND a.provider_due < $4))
                GROUP BY d.provider
            )
            SELECT a.code, a.name, coalesce(p.datasets, 0), coalesce(p.provided, 0), coalesce(p.changed, 0),
                   coalesce(p.timely, 0), coalesce(u.reads, 0), coalesce(u.consumers, 0),
                   coalesce(o.received, 0), coalesce(o.overdue, 0), coalesce(p.excused, 0), coalesce(c.overdue, 0)
            FROM agencies a
            LEFT JOIN provided p ON p.provider = a.code
            LEFT JOIN used u ON u.provider = a.code
            LEFT JOIN objected o ON o.provider = a.code
            LEFT JOIN consulted c ON c.provider = a.code
            ORDER BY a.code
            """;
    private static final String APPLICATIONS = """
            SELECT d.provider, a.submitted_at, a.decided_at FROM applications a JOIN datasets d ON d.code = a.dataset
            WHERE a.submitted_at >= $1 AND a.submitted_at < $2 AND a.decided_at IS NOT NULL""";

    private final Pool pool;
    private final Calendars calendars;
    private final Clock clock;

    AssessmentFigures(Pool pool, Calendars calendars, Clock clock) {
        this.pool = pool;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Every agency's figures for the city's days from {@code from} to {@code to}, both included. */
    public Uni<List<AgencyAssessment>> of(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(CityDays.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(CityDays.ZONE).toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime asOf = end.isBefore(now) ? end : now;
        LocalDate today = CityDays.today(clock);
        // The last day assessed: a report expecting to update by then still covers the lateness.
        LocalDate lastDay = end.isBefore(now) ? to : today;
        Uni<Map<String, long[]>> answered = calendars.current().flatMap(days -> pool.preparedQuery(APPLICATIONS)
                .execute(Tuple.of(start, end)).map(rows -> applications(rows, days)));
        return answered.flatMap(apps -> pool.preparedQuery(FIGURES).execute(Tuple.of(start, end, asOf, today, lastDay))
                .map(rows -> {
                    List<AgencyAssessment> all = new ArrayList<>();
                    for (Row row : rows) {
                        long datasets = row.getLong(2);
                        long timely = row.getLong(5);
                        long excused = row.getLong(10);
                        long[] app = apps.getOrDefault(row.getString(0), new long[2]);
                        all.add(new AgencyAssessment(row.getString(0), row.getString(1), datasets, row.getLong(3),
                                row.getLong(4), timely, datasets - timely - excused, row.getLong(6), row.getLong(7),
                                row.getLong(8), row.getLong(9), app[0], app[1], excused, row.getLong(11)));
                    }
                    return all;
                }));
    }

    private static Map<String, long[]> applications(Iterable<Row> rows, WorkingDays days) {
        Map<String, long[]> byProvider = new HashMap<>();
        for (Row row : rows) {
            LocalDate submitted = row.getOffsetDateTime(1).atZoneSameInstant(CityDays.ZONE).toLocalDate();
            LocalDate decided = row.getOffsetDateTime(2).atZoneSameInstant(CityDays.ZONE).toLocalDate();
            long[] counts = byProvider.computeIfAbsent(row.getString(0), p -> new long[2]);
            counts[0]++;
            if (!decided.isAfter(days.plusWorkingDays(submitted, APPLICATION_WORKING_DAYS))) {
                counts[1]++;
            }
        }
        return byProvider;
    }
}
