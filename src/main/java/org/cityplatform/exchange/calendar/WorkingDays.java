package org.cityplatform.exchange.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The working-day calendar as data, for the deadlines of objections (Art. 20: the center re-checks
 * within 5 working days, the provider within 3). Immutable: a deadline computed from one instance
 * never moves when the center later updates a year; only computations made after the update see it.
 *
 * <p>A date is a working day when its year's notice lists it as an adjusted working day (调休,
 * {@code isOffDay:false}), is no working day when the notice lists it as a holiday, and otherwise
 * is a working day exactly when it is Monday to Friday. Years without a published notice therefore
 * count weekdays only: the readiness warning for next year exists so that this never happens
 * unnoticed.
 *
 * <p>Deadlines count from the day after filing: day 1 is the first working day after the filing
 * day, whatever the filing day is. A filing on a Saturday or a holiday thus also starts counting at
 * the next working day, and a filing on a working day does not count that day itself.
 */
public final class WorkingDays {

    private static final WorkingDays WEEKDAYS_ONLY = new WorkingDays(Map.of(), Set.of());

    private final Map<LocalDate, Boolean> listed;
    private final Set<Integer> publishedYears;

    private WorkingDays(Map<LocalDate, Boolean> listed, Set<Integer> publishedYears) {
        this.listed = listed;
        this.publishedYears = publishedYears;
    }

    /**
     * The calendar of the given years. A notice may list dates of the neighbouring year (late
     * December in the next year's notice); when two notices list the same date, the later year's
     * wins, because it was published later.
     */
    public static WorkingDays of(Collection<CalendarYear> years) {
        Map<LocalDate, Boolean> listed = new HashMap<>();
        Set<Integer> published = new TreeSet<>();
        years.stream().sorted(Comparator.comparingInt(CalendarYear::year)).forEach(year -> {
            year.days().forEach(day -> listed.put(day.date(), !day.offDay()));
            if (year.published()) {
                published.add(year.year());
            }
        });
        return new WorkingDays(Map.copyOf(listed), Set.copyOf(published));
    }

    /** Monday to Friday, no holidays: what an empty calendar means. */
    public static WorkingDays weekdaysOnly() {
        return WEEKDAYS_ONLY;
    }

    public boolean isWorkingDay(LocalDate date) {
        Boolean working = listed.get(date);
        if (working != null) {
            return working;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The date {@code n} working days after {@code start}: day 1 is the first working day after
     * {@code start}, so the answer is always a working day later than {@code start} (for n ≥ 1).
     * {@code n == 0} answers {@code start} itself.
     *
     * @throws IllegalArgumentException when n is negative
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate day = start;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The working days in {@code (from, to]}: after {@code from}, up to and including {@code to},
     * counted like {@link #plusWorkingDays} so that
     * {@code workingDaysBetween(s, plusWorkingDays(s, n)) == n}. Negative, counted the same way
     * from {@code to} to {@code from}, when {@code to} is before {@code from} (how far a deadline is
     * overdue, say).
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** True when the year's holiday notice is in the calendar (a known year with no days is not). */
    public boolean hasYear(int year) {
        return publishedYears.contains(year);
    }

    /** The years whose holiday notice is in the calendar, ascending. */
    public Set<Integer> years() {
        return new TreeSet<>(publishedYears);
    }
}
