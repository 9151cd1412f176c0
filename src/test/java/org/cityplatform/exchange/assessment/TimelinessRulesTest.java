package org.cityplatform.exchange.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
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
