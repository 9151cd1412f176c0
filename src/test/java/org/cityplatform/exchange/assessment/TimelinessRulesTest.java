package org.cityplatform.exchange.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cityplatform.exchange.catalog.UpdateCycle;
import org.junit.jupiter.api.Test;

/** Issue 18, Art. 33, 34: the period rules and the score, without the gateway around them. */
class TimelinessRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2030, 1, 1);

    @Test
    void art34_aWeekSpanningTheNewYearIsTheLaterYearsAndCountedOnce() {
        // Monday 29 December 2025 to Sunday 4 January 2026.
        Timeliness.Timeline weekly = new Timeliness.Timeline(UpdateCycle.WEEKLY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(List.of(LocalDate.of(2025, 12, 30))), List.of());
        Timeliness.Tally both = Timeliness.judge(weekly, LocalDate.of(2025, 12, 22), LocalDate.of(2026, 1, 11), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.WEEKLY, false));
        assertEquals(3, both.periods, "the weeks ending 28 December, 4 and 11 January");
        assertEquals(1, both.onTime);
        assertEquals(2, both.late);

        Timeliness.Tally onlyTheNewYearRequired = Timeliness.judge(weekly, LocalDate.of(2025, 12, 22),
                LocalDate.of(2026, 1, 11), TODAY, year -> year == 2026 ? new Timeliness.Judged(UpdateCycle.WEEKLY, true) : null);
        assertEquals(2, onlyTheNewYearRequired.periods, "the week of the new year is judged by 2026's rule");
        assertEquals(1, onlyTheNewYearRequired.onTime);
    }

    @Test
    void art34_aWeekSpanningTheNewYearIsNotInTheEarlierYearsReport() {
        // Monday 29 December 2025 to Sunday 4 January 2026, pushed on 30 December.
        Timeliness.Timeline weekly = new Timeliness.Timeline(UpdateCycle.WEEKLY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(List.of(LocalDate.of(2025, 12, 30))), List.of());
        Timeliness.Tally year2025 = Timeliness.judge(weekly, LocalDate.of(2025, 12, 22), LocalDate.of(2025, 12, 31),
                TODAY, year -> new Timeliness.Judged(UpdateCycle.WEEKLY, false));
        assertEquals(1, year2025.periods, "only the week ending 28 December");
        assertEquals(1, year2025.late);
        Timeliness.Tally year2026 = Timeliness.judge(weekly, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 4),
                TODAY, year -> new Timeliness.Judged(UpdateCycle.WEEKLY, false));
        assertEquals(1, year2026.periods, "the spanning week, whole, in the later year");
        assertEquals(1, year2026.onTime, "a push on 30 December counts for it");
    }

    @Test
    void art34_theDayADailyDatasetBecameActiveIsCountedOnlyWhenPushed() {
        // Classified at 17:00 on 10 March.
        Timeliness.Timeline daily = new Timeliness.Timeline(UpdateCycle.DAILY, LocalDate.of(2025, 3, 10), null,
                new TreeSet<>(), List.of(), false);
        Timeliness.Tally silent = Timeliness.judge(daily, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 12), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.DAILY, false));
        assertEquals(2, silent.periods, "11 and 12 March: on the 10th it was active only from some hour");
        assertEquals(2, silent.late);
        Timeliness.Timeline pushed = new Timeliness.Timeline(UpdateCycle.DAILY, LocalDate.of(2025, 3, 10), null,
                new TreeSet<>(List.of(LocalDate.of(2025, 3, 10))), List.of(), false);
        Timeliness.Tally onTheDay = Timeliness.judge(pushed, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 12), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.DAILY, false));
        assertEquals(3, onTheDay.periods);
        assertEquals(1, onTheDay.onTime);

        Timeliness.Timeline weekly = new Timeliness.Timeline(UpdateCycle.WEEKLY, LocalDate.of(2025, 3, 10), null,
                new TreeSet<>(), List.of(), false);
        Timeliness.Tally week = Timeliness.judge(weekly, LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 16), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.WEEKLY, false));
        assertEquals(1, week.late, "active from its Monday: the week is whole");
        Timeliness.Timeline fromMidnight = new Timeliness.Timeline(UpdateCycle.DAILY, LocalDate.of(2025, 3, 10), null,
                new TreeSet<>(), List.of(), true);
        assertEquals(3, Timeliness.judge(fromMidnight, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 12), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.DAILY, false)).late, "active from 00:00: the 10th is whole");
    }

    @Test
    void art28_aDelayReportFiledAfterTheCityDayEndedDoesNotExcuseIt() {
        // 10 March ends at 16:00 UTC: a report at 20:00 UTC is filed on the 11th in the city.
        Timeliness.Delay report = new Timeliness.Delay(OffsetDateTime.of(2025, 3, 10, 20, 0, 0, 0, ZoneOffset.UTC),
                LocalDate.of(2025, 3, 12));
        Timeliness.Timeline daily = new Timeliness.Timeline(UpdateCycle.DAILY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(), List.of(report));
        Timeliness.Tally tally = Timeliness.judge(daily, LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 13), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.DAILY, false));
        assertEquals(4, tally.periods);
        assertEquals(2, tally.excused, "11 and 12 March");
        assertEquals(2, tally.late, "10 March, filed too late; 13 March, after the day it expected");
    }

    @Test
    void art28_aDelayExpectedWithinAMonthLeavesTheMonthToUpdateIn() {
        // Filed on 1 March: the update will come by 5 March, or, in the other report, by 2 April.
        OffsetDateTime filed = OffsetDateTime.of(2025, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC);
        Timeliness.Timeline withinMarch = new Timeliness.Timeline(UpdateCycle.MONTHLY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(), List.of(new Timeliness.Delay(filed, LocalDate.of(2025, 3, 5))));
        Timeliness.Timeline pastMarch = new Timeliness.Timeline(UpdateCycle.MONTHLY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(), List.of(new Timeliness.Delay(filed, LocalDate.of(2025, 4, 2))));

        Timeliness.Tally late = Timeliness.judge(withinMarch, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.MONTHLY, false));
        assertEquals(1, late.late, "26 days of March were left to update in");
        Timeliness.Tally excused = Timeliness.judge(pastMarch, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.MONTHLY, false));
        assertEquals(1, excused.excused, "no day of March could see the update");
    }

    @Test
    void art33_theRequiredCycleCutsThePeriods() {
        Timeliness.Timeline monthly = new Timeliness.Timeline(UpdateCycle.MONTHLY, LocalDate.of(2025, 1, 1), null,
                new TreeSet<>(List.of(LocalDate.of(2025, 3, 3))), List.of());
        Timeliness.Tally daily = Timeliness.judge(monthly, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), TODAY,
                year -> new Timeliness.Judged(UpdateCycle.DAILY, true));
        assertEquals(31, daily.periods);
        assertEquals(1, daily.onTime);
        assertEquals(30, daily.late);
    }

    @Test
    void art34_theScoreIsTheWeightedShareOfItsMeasuresToOneDecimal() {
        Map<String, Double> measures = Map.of("timeliness", 2.0 / 3, "objections", 1.0, "applications", 0.5);
        assertEquals(66.7, ScoreFormula.score(Map.of("timeliness", 1.0), measures));
        assertEquals(75.0, ScoreFormula.score(Map.of("objections", 1.0, "applications", 1.0), measures));
        assertEquals(100.0, ScoreFormula.score(Map.of("consultations", 5.0), measures), "nothing to count: 1");
        assertEquals(null, ScoreFormula.score(null, measures), "no requirements, no score");
        assertEquals(1.0, ScoreFormula.share(0, 0));
    }
}
