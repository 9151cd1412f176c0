package org.cityplatform.exchange.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tyme.holiday.LegalHoliday;
import com.tyme.solar.SolarDay;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every date of 2025 and 2026 in the shipped calendar against an independent source: tyme4j's
 * table of legal holidays (cn.6tail:tyme4j), kept apart from holiday-cn. A legal-holiday entry is
 * a day off or, when {@code isWork()}, an adjusted working day; without one, weekends are off.
 */
class ShippedCalendarCrossCheckTest {

    @Test
    void everyDateOf2025And2026IsAWorkingDayExactlyWhenTyme4jSaysSo_Art20() {
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (LocalDate day = LocalDate.of(2025, 1, 1); day.getYear() <= 2026; day = day.plusDays(1)) {
            boolean expected = tyme4jWorkingDay(day);
            if (WorkingDaysTest.SHIPPED.isWorkingDay(day) != expected) {
                disagreements.add(day + " (tyme4j: " + (expected ? "working" : "off") + ")");
            }
            checked++;
        }
        assertEquals(365 + 365, checked);
        assertTrue(disagreements.isEmpty(), "the shipped calendar disagrees with tyme4j on " + disagreements);
    }

    @Test
    void tyme4jKnowsTheAdjustedWorkingDaysItIsComparedOn() {
        // Guards against a tyme4j without data for these years, which would agree on weekdays only.
        assertTrue(tyme4jWorkingDay(LocalDate.of(2025, 1, 26)), "Sun 26 Jan 2025 is worked");
        assertTrue(tyme4jWorkingDay(LocalDate.of(2026, 2, 28)), "Sat 28 Feb 2026 is worked");
        assertTrue(!tyme4jWorkingDay(LocalDate.of(2026, 10, 7)), "Wed 7 Oct 2026 is off");
    }

    private static boolean tyme4jWorkingDay(LocalDate day) {
        LegalHoliday holiday = SolarDay.fromYmd(day.getYear(), day.getMonthValue(), day.getDayOfMonth()).getLegalHoliday();
        if (holiday != null) {
            return holiday.isWork();
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
