package org.cityplatform.exchange.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.md, "Objections" (Art. 20): the center re-checks within 5 working days, the provider
 * within 3; weekends and public holidays do not count, adjusted working weekends (调休) do. Day 1 is
 * the first working day after the filing day. Dates are those of the shipped holiday notices.
 */
class WorkingDaysTest {

    static final WorkingDays SHIPPED = WorkingDays.of(HolidayFiles.shipped(new ObjectMapper()));

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void theReviewOfAnObjectionFiledBeforeSpringFestival2025IsDueFiveWorkingDaysLater_Art20() {
        // Fri 24 Jan; Sun 26 Jan is worked (调休), 28 Jan – 4 Feb are off.
        assertEquals(d("2025-02-07"), SHIPPED.plusWorkingDays(d("2025-01-24"), 5));
        assertTrue(SHIPPED.isWorkingDay(d("2025-01-26")));
        assertFalse(SHIPPED.isWorkingDay(d("2025-01-28")));
        assertFalse(SHIPPED.isWorkingDay(d("2025-02-04")));
    }

    @Test
    void theProviderCheckEndsOnTheAdjustedWorkingSaturdayAfterSpringFestival2025_Art20() {
        // Wed 5 Feb + 3: Thu 6, Fri 7, Sat 8 Feb (调休).
        assertEquals(d("2025-02-08"), SHIPPED.plusWorkingDays(d("2025-02-05"), 3));
    }

    @Test
    void anObjectionFiledOnAnAdjustedWorkingSaturdayCountsFromTheNextWorkingDay_Art20() {
        assertEquals(d("2025-02-12"), SHIPPED.plusWorkingDays(d("2025-02-08"), 3));
    }

    @Test
    void theReviewOfAnObjectionFiledBeforeSpringFestival2026CountsTheWorkingSaturdayAndSkipsNineDaysOff_Art20() {
        // Thu 12 Feb: Fri 13, Sat 14 (调休), then 15 – 23 Feb off, Tue 24, Wed 25, Thu 26.
        assertEquals(d("2026-02-26"), SHIPPED.plusWorkingDays(d("2026-02-12"), 5));
        assertEquals(d("2026-02-28"), SHIPPED.plusWorkingDays(d("2026-02-25"), 3));
        assertTrue(SHIPPED.isWorkingDay(d("2026-02-28")));
    }

    @Test
    void theCombinedMidAutumnAndNationalDayHoliday2025IsSkippedAndItsWorkingWeekendsCount_Art20() {
        // Fri 26 Sep: Sun 28 Sep (调休), Mon 29, Tue 30, then 1 – 8 Oct off, Thu 9, Fri 10 Oct.
        assertEquals(d("2025-10-10"), SHIPPED.plusWorkingDays(d("2025-09-26"), 5));
        // Tue 30 Sep + 3: Thu 9, Fri 10, Sat 11 Oct (调休).
        assertEquals(d("2025-10-11"), SHIPPED.plusWorkingDays(d("2025-09-30"), 3));
    }

    @Test
    void theNationalDayHoliday2026IsSkippedAndTheWorkingSaturdayAfterItCounts_Art20() {
        // Wed 30 Sep: 1 – 7 Oct off, Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13 Oct.
        assertEquals(d("2026-10-13"), SHIPPED.plusWorkingDays(d("2026-09-30"), 5));
        assertTrue(SHIPPED.isWorkingDay(d("2026-09-20")), "Sunday 20 Sep 2026 is worked");
        assertFalse(SHIPPED.isWorkingDay(d("2026-09-25")), "Mid-Autumn Festival 2026 is off");
    }

    @Test
    void anObjectionFiledOnAHolidayCountsFromTheFirstWorkingDayAfterIt_Art20() {
        // Filed Fri 3 Oct 2025 (National Day): Thu 9, Fri 10, Sat 11 (调休), Mon 13, Tue 14 Oct.
        assertEquals(d("2025-10-14"), SHIPPED.plusWorkingDays(d("2025-10-03"), 5));
        // Filed on an ordinary Sunday: Mon 30 Nov is day 1.
        assertEquals(d("2026-12-04"), SHIPPED.plusWorkingDays(d("2026-11-29"), 5));
    }

    @Test
    void deadlinesCrossTheYearBoundaryIntoNextYearsNewYearHoliday_Art20() {
        // Mon 29 Dec 2025: Tue 30, Wed 31, then 1 – 3 Jan 2026 off, Sun 4 Jan (调休), Mon 5, Tue 6 Jan.
        assertEquals(d("2026-01-06"), SHIPPED.plusWorkingDays(d("2025-12-29"), 5));
        // Mon 30 Dec 2024: Tue 31, 1 Jan 2025 off, Thu 2, Fri 3 Jan.
        assertEquals(d("2025-01-03"), SHIPPED.plusWorkingDays(d("2024-12-30"), 3));
    }

    @Test
    void aYearWithoutAPublishedNoticeCountsWeekdaysOnlyWhichIsWhyReadinessWarns_Art20() {
        assertFalse(SHIPPED.hasYear(2027), "2027.json is shipped empty");
        assertEquals(Set.of(2024, 2025, 2026), SHIPPED.years());
        // Thu 24 Dec 2026 + 6: 1 Jan 2027 is counted, for want of the 2027 notice.
        assertEquals(d("2027-01-01"), SHIPPED.plusWorkingDays(d("2026-12-24"), 6));
    }

    @Test
    void workingDaysBetweenCountsAfterTheFirstDayUpToAndIncludingTheLast() {
        assertEquals(5, SHIPPED.workingDaysBetween(d("2025-01-24"), d("2025-02-07")));
        assertEquals(-5, SHIPPED.workingDaysBetween(d("2025-02-07"), d("2025-01-24")));
        assertEquals(0, SHIPPED.workingDaysBetween(d("2025-10-01"), d("2025-10-08")), "all of it a holiday");
        assertEquals(0, SHIPPED.workingDaysBetween(d("2026-03-02"), d("2026-03-02")));
        for (LocalDate start = d("2024-12-01"); start.isBefore(d("2027-01-15")); start = start.plusDays(3)) {
            for (int n : new int[] {1, 3, 5, 20}) {
                assertEquals(n, SHIPPED.workingDaysBetween(start, SHIPPED.plusWorkingDays(start, n)), start + " + " + n);
            }
        }
    }

    @Test
    void zeroWorkingDaysIsTheStartItselfAndANegativeCountIsRefused() {
        assertEquals(d("2025-10-03"), SHIPPED.plusWorkingDays(d("2025-10-03"), 0));
        assertThrows(IllegalArgumentException.class, () -> SHIPPED.plusWorkingDays(d("2025-10-03"), -1));
    }

    @Test
    void whenTwoNoticesListTheSameDateTheLaterYearsNoticeWins() {
        CalendarYear y2030 = new CalendarYear(2030, List.of(),
                List.of(new CalendarDay("元旦", d("2030-12-31"), false), new CalendarDay("x", d("2030-06-03"), true)));
        CalendarYear y2031 = new CalendarYear(2031, List.of(), List.of(new CalendarDay("元旦", d("2030-12-31"), true)));
        WorkingDays days = WorkingDays.of(List.of(y2031, y2030));
        assertFalse(days.isWorkingDay(d("2030-12-31")));
        assertFalse(days.isWorkingDay(d("2030-06-03")));
        assertTrue(WorkingDays.weekdaysOnly().isWorkingDay(d("2030-12-31")));
    }

    @Test
    void theReadinessWarningForNextYearStartsOnTheFirstOfNovember() {
        assertTrue(NextYearCalendar.warning(d("2026-10-31"), SHIPPED).isEmpty());
        assertEquals("WARNING: no calendar for 2027", NextYearCalendar.warning(d("2026-11-01"), SHIPPED).orElseThrow());
        assertEquals("WARNING: no calendar for 2027", NextYearCalendar.warning(d("2026-12-31"), SHIPPED).orElseThrow());
        assertTrue(NextYearCalendar.warning(d("2025-11-26"), SHIPPED).isEmpty(), "2026 is published");
        assertTrue(NextYearCalendar.warning(d("2027-03-01"), SHIPPED).isEmpty());
    }
}
