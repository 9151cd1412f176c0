package org.cityplatform.exchange.assessment;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.cityplatform.exchange.catalog.UpdateCycle;

/**
 * The calendar periods an update cycle cuts the city's days into (issue 18, Art. 34): a day for
 * REALTIME and DAILY (a realtime dataset is judged per day), an ISO week (Monday to Sunday) for
 * WEEKLY, a calendar month for MONTHLY, all in the city's time zone.
 */
record CyclePeriods(LocalDate first, LocalDate last) {

    /** The period of this cycle that holds the day. */
    static CyclePeriods holding(UpdateCycle cycle, LocalDate day) {
        return switch (cycle) {
            case REALTIME, DAILY -> new CyclePeriods(day, day);
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new CyclePeriods(monday, monday.plusDays(6));
            }
            case MONTHLY -> new CyclePeriods(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
        };
    }

    boolean holds(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
