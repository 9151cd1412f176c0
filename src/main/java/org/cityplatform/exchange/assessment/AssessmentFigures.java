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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.calendar.WorkingDays;
import org.cityplatform.exchange.catalog.UpdateCycle;

/**
 * Computes the assessment of every agency for a period [from, to) of the city's days (Art. 34),
 * from the records, the audit trail, the catalog, objections and applications:
 * <ul>
 * <li>a dataset is timely when its last push that received an item, changed or not, is no older,
 *     at the period's end (or now, if sooner), than its declared update cycle allows; one that is
 *     not is excused when its provider reported the delay (Art. 28) before the period ended,
 *     expecting to update no earlier than the last day assessed, and has pushed nothing since the
 *     report; else it is overdue, as is a dataset never provided and not excused;</li>
 * <li>each update-cycle period of the window is on time, excused or late ({@link Timeliness}),
 *     per dataset of the catalog or, in a year with requirements, per required dataset (Art. 33);</li>
 * <li>the score by the weights of the window's last year ({@link ScoreFormula}), if published;</li>
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
 * <li>rectification orders issued to it in the period that went past their due day without a
 *     response (Art. 35): marked late (announced overdue, or answered after the day; then counted
 *     even if closed since), or still open past it; and the written criticisms and violations the
 *     center addressed to it in the period (Art. 35, 36).</li>
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
                               AND x.expected_by >= $5 AND (r2.last_change IS NULL OR r2.last_change < x.filed_at)
                       )) AS excused
                FROM datasets d
                LEFT JOIN LATERAL (
                    SELECT count(*) FILTER (WHERE NOT deleted) AS provided,
                           count(*) FILTER (WHERE updated_at >= $1 AND updated_at < $2) AS changed
                    FROM records WHERE dataset_id = d.id) r ON true
                LEFT JOIN LATERAL (
                    SELECT CASE WHEN p.last_at < $3 THEN p.last_at ELSE p.first_at END AS last_change
                    FROM dataset_push_days p
                    WHERE p.dataset_id = d.id AND p.day <= ($3 AT TIME ZONE 'Asia/Shanghai')::date AND p.first_at < $3
                    ORDER BY p.day DESC LIMIT 1) r2 ON true
                CROSS JOIN LATERAL (
                    SELECT r2.last_change IS NOT NULL AND r2.last_change >= $3 - CASE d.update_cycle
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
                SELECT d.provider, count(*) AS consulted,
                       count(*) FILTER (WHERE a.provider_overdue_at IS NOT NULL
                                          OR (a.status = 'CONSULTING' AND a.provider_due < $4)) AS overdue
                FROM applications a JOIN datasets d ON d.code = a.dataset
                WHERE a.submitted_at >= $1 AND a.submitted_at < $2 AND a.provider_due IS NOT NULL
                GROUP BY d.provider
            ), ordered AS (
                SELECT r.agency, count(*) AS issued,
                       count(*) FILTER (WHERE r.late OR (r.status = 'OPEN' AND r.due_on < $4)) AS overdue
                FROM rectification_orders r
                WHERE r.ordered_at >= $1 AND r.ordered_at < $2
                GROUP BY r.agency
            ), criticised AS (
                SELECT agency, count(*) AS criticisms FROM criticisms
                WHERE issued_at >= $1 AND issued_at < $2 GROUP BY agency
            ), violated AS (
                SELECT agency, count(*) AS violations FROM violations
                WHERE recorded_at >= $1 AND recorded_at < $2 GROUP BY agency
            )
            SELECT a.code, a.name, coalesce(p.datasets, 0), coalesce(p.provided, 0), coalesce(p.changed, 0),
                   coalesce(p.timely, 0), coalesce(u.reads, 0), coalesce(u.consumers, 0),
                   coalesce(o.received, 0), coalesce(o.overdue, 0), coalesce(p.excused, 0), coalesce(c.overdue, 0),
                   coalesce(r.overdue, 0), coalesce(cr.criticisms, 0), coalesce(v.violations, 0),
                   coalesce(c.consulted, 0), coalesce(r.issued, 0)
            FROM agencies a
            LEFT JOIN provided p ON p.provider = a.code
            LEFT JOIN used u ON u.provider = a.code
            LEFT JOIN objected o ON o.provider = a.code
            LEFT JOIN consulted c ON c.provider = a.code
            LEFT JOIN ordered r ON r.agency = a.code
            LEFT JOIN criticised cr ON cr.agency = a.code
            LEFT JOIN violated v ON v.agency = a.code
            ORDER BY a.code
            """;
    private static final String APPLICATIONS = """
            SELECT d.provider, a.submitted_at, a.decided_at FROM applications a JOIN datasets d ON d.code = a.dataset
            WHERE a.submitted_at >= $1 AND a.submitted_at < $2 AND a.decided_at IS NOT NULL""";

    // Periods start at most a month before the window: their pushes and reports are read from then.
    private static final int LOOKBACK_DAYS = 31;
    private static final NavigableSet<LocalDate> EMPTY = Collections.emptyNavigableSet();
    private static final String DATASETS = """
            SELECT id, code, provider, update_cycle, status, coalesce(activated_at, classified_at, registered_at),
                   retirement_effective_on
            FROM datasets""";
    private static final String PUSH_DAYS = """
            SELECT dataset_id, array_agg(day ORDER BY day) FROM dataset_push_days
            WHERE day >= $1 AND day <= $2 GROUP BY dataset_id""";
    private static final String DELAYS = """
            SELECT d.id, r.filed_at, r.expected_by
            FROM delay_reports r JOIN datasets d ON d.code = r.dataset
            WHERE r.expected_by >= $1 AND r.filed_at < $2""";

    private final Pool pool;
    private final Calendars calendars;
    private final AssessmentRequirements requirements;
    private final Clock clock;

    AssessmentFigures(Pool pool, Calendars calendars, AssessmentRequirements requirements, Clock clock) {
        this.pool = pool;
        this.calendars = calendars;
        this.requirements = requirements;
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
        return requirements.of(from.getYear(), to.getYear()).flatMap(required -> periods(from, to, today, required)
                .flatMap(periods -> answered.flatMap(apps -> pool.preparedQuery(FIGURES)
                        .execute(Tuple.of(start, end, asOf, today, lastDay)).map(rows -> {
                            AssessmentRequirements.Requirements year = required.get(to.getYear());
                            Map<String, Double> weights = year == null ? null : year.weights();
                            List<AgencyAssessment> all = new ArrayList<>();
                            for (Row row : rows) {
                                all.add(figures(row, apps.getOrDefault(row.getString(0), new long[2]),
                                        periods.getOrDefault(row.getString(0), new Timeliness.Tally()), weights));
                            }
                            return all;
                        }))));
    }

    private static AgencyAssessment figures(Row row, long[] app, Timeliness.Tally periods, Map<String, Double> weights) {
        long datasets = row.getLong(2);
        long timely = row.getLong(5);
        long excused = row.getLong(10);
        long objections = row.getLong(8);
        long objectionsOverdue = row.getLong(9);
        long consultationsOverdue = row.getLong(11);
        long consulted = row.getLong(15);
        Double score = ScoreFormula.score(weights, Map.of(
                "timeliness", ScoreFormula.share(periods.onTime + periods.excused, periods.periods),
                "objections", ScoreFormula.share(objections - objectionsOverdue, objections),
                "applications", ScoreFormula.share(app[1], app[0]),
                "consultations", ScoreFormula.share(consulted - consultationsOverdue, consulted),
                "orders", ScoreFormula.share(row.getLong(16) - row.getLong(12), row.getLong(16))));
        return new AgencyAssessment(row.getString(0), row.getString(1), datasets, row.getLong(3), row.getLong(4),
                timely, datasets - timely - excused, row.getLong(6), row.getLong(7), objections, objectionsOverdue,
                app[0], app[1], excused, consultationsOverdue, row.getLong(12), row.getLong(13), row.getLong(14),
                periods.periods, periods.onTime, periods.late, periods.excused, score);
    }

    /**
     * Each provider's periods in the window (issue 18): every dataset of the catalog by its own cycle,
     * or, in a year the center published requirements for, the required datasets by the required cycle.
     */
    private Uni<Map<String, Timeliness.Tally>> periods(LocalDate from, LocalDate to, LocalDate today,
                                                       Map<Integer, AssessmentRequirements.Requirements> required) {
        LocalDate since = from.minusDays(LOOKBACK_DAYS);
        OffsetDateTime end = to.plusDays(1).atStartOfDay(CityDays.ZONE).toOffsetDateTime();
        Map<Integer, Map<String, UpdateCycle>> cycles = new HashMap<>();
        required.forEach((year, r) -> {
            Map<String, UpdateCycle> byCode = new HashMap<>();
            r.datasets().forEach(d -> byCode.put(d.code(), UpdateCycle.valueOf(d.updateCycle())));
            cycles.put(year, byCode);
        });
        return pool.preparedQuery(PUSH_DAYS).execute(Tuple.of(since, to)).flatMap(pushRows -> {
            Map<Integer, NavigableSet<LocalDate>> pushes = new HashMap<>();
            for (Row row : pushRows) {
                pushes.put(row.getInteger(0), new TreeSet<>(Arrays.asList(row.getArrayOfLocalDates(1))));
            }
            return pool.preparedQuery(DELAYS).execute(Tuple.of(since, end)).flatMap(delayRows -> {
                Map<Integer, List<Timeliness.Delay>> delays = new HashMap<>();
                for (Row row : delayRows) {
                    delays.computeIfAbsent(row.getInteger(0), id -> new ArrayList<>()).add(new Timeliness.Delay(
                            row.getOffsetDateTime(1), row.getLocalDate(2)));
                }
                return pool.query(DATASETS).execute().map(datasetRows -> {
                    Map<String, Timeliness.Tally> byProvider = new HashMap<>();
                    for (Row row : datasetRows) {
                        int id = row.getInteger(0);
                        String code = row.getString(1);
                        UpdateCycle own = UpdateCycle.valueOf(row.getString(3));
                        String status = row.getString(4);
                        ZonedDateTime activated = status.equals("PENDING_CLASSIFICATION") ? null
                                : row.getOffsetDateTime(5).atZoneSameInstant(CityDays.ZONE);
                        LocalDate activeFrom = activated == null ? null : activated.toLocalDate();
                        boolean activeAllFirstDay = activated != null
                                && activated.equals(activeFrom.atStartOfDay(CityDays.ZONE));
                        LocalDate retiredFrom = status.equals("RETIRING") || status.equals("RETIRED")
                                ? row.getLocalDate(6) : null;
                        Timeliness.Timeline timeline = new Timeliness.Timeline(own, activeFrom, retiredFrom,
                                pushes.getOrDefault(id, EMPTY), delays.getOrDefault(id, List.of()), activeAllFirstDay);
                        Timeliness.Tally tally = Timeliness.judge(timeline, from, to, today, year -> {
                            Map<String, UpdateCycle> requiredThen = cycles.get(year);
                            if (requiredThen == null) {
                                return new Timeliness.Judged(own, false);
                            }
                            UpdateCycle cycle = requiredThen.get(code);
                            return cycle == null ? null : new Timeliness.Judged(cycle, true);
                        });
                        byProvider.computeIfAbsent(row.getString(2), p -> new Timeliness.Tally()).add(tally);
                    }
                    return byProvider;
                });
            });
        });
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
