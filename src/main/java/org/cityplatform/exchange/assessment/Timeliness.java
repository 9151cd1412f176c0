package org.cityplatform.exchange.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.IntFunction;
import org.cityplatform.exchange.catalog.UpdateCycle;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Judges every update-cycle period of a dataset in an assessment window (issue 18, Art. 34; the
 * rule in docs/assessment.md). A period ({@link CyclePeriods}) is on time when a push received an
 * item in it, changed or not; excused when a delay report (Art. 28) covering it was filed before it
 * ended; late otherwise.
 *
 * <p>Which periods: those whose last day lies in the window, each judged by the rule of the year
 * of that day; and the period the window ends in, when it ends before the window's last day does
 * and in the same year (a week running into the next year is that year's only).
 * A period not over by the window's end (the current one), or only partly within the dataset's
 * active life (the one it was classified in, unless from its first day's start or, for a period
 * longer than a day, on its first day; the one it was retired in), is counted only when
 * already on time: it has not failed yet, or not wholly. Periods before a dataset was active or
 * after its retirement are not counted, unless the center required the dataset for that year
 * (Art. 33): then every period counts, and one the provider had no active dataset for is late.
 */
final class Timeliness {

    private Timeliness() {
    }

    /**
     * One dataset's facts: the first city day it was active (null: never), the first day it is
     * retired (null: not retiring), the days with a push, its delay reports, and whether it was
     * active from the start of its first day or only from some hour of it.
     */
    record Timeline(UpdateCycle cycle, LocalDate activeFrom, LocalDate retiredFrom, NavigableSet<LocalDate> pushDays,
                    List<Delay> delays, boolean activeAllFirstDay) {

        Timeline(UpdateCycle cycle, LocalDate activeFrom, LocalDate retiredFrom, NavigableSet<LocalDate> pushDays,
                 List<Delay> delays) {
            this(cycle, activeFrom, retiredFrom, pushDays, delays, true);
        }
    }

    /**
     * A delay report (Art. 28): when it was filed and the day it expects to update by. It covers
     * the periods that end after it was filed and end no later than that day: the provider said it
     * could not update until then, so a period in which that day still left time to update (a
     * month whose fifth day was expected) is not excused by it, as for excusedDatasets. Whether a
     * push closed its mark in the catalog does not matter here; a period with a push is on time.
     */
    record Delay(OffsetDateTime filedAt, LocalDate expectedBy) {

        boolean covers(CyclePeriods period) {
            OffsetDateTime periodEnd = period.last().plusDays(1).atStartOfDay(CityDays.ZONE).toOffsetDateTime();
            return filedAt.isBefore(periodEnd) && !expectedBy.isBefore(period.last());
        }
    }

    /** How a year judges a dataset: by which cycle, and whether the center required it (Art. 33). */
    record Judged(UpdateCycle cycle, boolean required) {
    }

    /** Periods counted, and of them on time, late and excused. */
    static final class Tally {
        long periods;
        long onTime;
        long late;
        long excused;

        void add(Tally other) {
            periods += other.periods;
            onTime += other.onTime;
            late += other.late;
            excused += other.excused;
        }
    }

    /**
     * The dataset's periods in the window [from, to] (city days) as of today; {@code rule} says per
     * year how it is judged, null for a year it is not.
     */
    static Tally judge(Timeline timeline, LocalDate from, LocalDate to, LocalDate today, IntFunction<Judged> rule) {
        Tally tally = new Tally();
        LocalDate cursor = from;
        while (!cursor.isAfter(to)) {
            int year = cursor.getYear();
            LocalDate nextYear = LocalDate.of(year + 1, 1, 1);
            Judged judged = rule.apply(year);
            if (judged == null) {
                cursor = nextYear;
                continue;
            }
            CyclePeriods period = CyclePeriods.holding(judged.cycle(), cursor);
            if (period.last().getYear() != year) {
                // A week that ends in the next year is that year's, by that year's rule, even when the
                // window ends on 31 December: else the final reports of both years would count it.
                cursor = nextYear;
                continue;
            }
            LocalDate lastAssessed = period.last().isAfter(to) ? to : period.last();
            judgePeriod(timeline, period, lastAssessed, to, today, judged.required(), tally);
            cursor = period.last().plusDays(1);
        }
        return tally;
    }

    private static void judgePeriod(Timeline t, CyclePeriods period, LocalDate lastAssessed, LocalDate to,
                                    LocalDate today, boolean required, Tally tally) {
        boolean partial = period.last().isAfter(to) || !period.last().isBefore(today);
        if (!required) {
            if (t.activeFrom() == null || period.last().isBefore(t.activeFrom())
                    || t.retiredFrom() != null && !t.retiredFrom().isAfter(period.first())) {
                return;
            }
            // Activated during a day: a period of only that day (DAILY, REALTIME) was not wholly active.
            partial |= t.activeFrom().isAfter(period.first())
                    || !t.activeAllFirstDay() && t.activeFrom().equals(period.last())
                    || t.retiredFrom() != null && !t.retiredFrom().isAfter(period.last());
        }
        LocalDate firstPush = t.pushDays().ceiling(period.first());
        if (firstPush != null && !firstPush.isAfter(lastAssessed)) {
            tally.periods++;
            tally.onTime++;
            return;
        }
        if (partial) {
            return;
        }
        tally.periods++;
        if (t.delays().stream().anyMatch(d -> d.covers(period))) {
            tally.excused++;
        } else {
            tally.late++;
        }
    }
}
