package org.cityplatform.exchange.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;

/**
 * Whether next year's holiday notice is overdue in the calendar. The State Council publishes it
 * in late October or November; from 1 November on, deadlines of late December (Art. 20) already
 * reach into next year, so its absence is worth an operator's attention.
 */
public final class NextYearCalendar {

    static final Month WARN_FROM = Month.NOVEMBER;

    private NextYearCalendar() {
    }

    /** The warning to show on {@code today} (in the city's zone), if any. */
    public static Optional<String> warning(LocalDate today, WorkingDays calendar) {
        int next = today.getYear() + 1;
        if (today.getMonthValue() < WARN_FROM.getValue() || calendar.hasYear(next)) {
            return Optional.empty();
        }
        return Optional.of("WARNING: no calendar for " + next);
    }
}
