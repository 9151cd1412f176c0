package org.cityplatform.exchange.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/assessment.md "The public page" (Art. 34): how the report orders agencies, ranks them, dates
 * itself and compares with the year before, without a database.
 */
class ReportViewTest {

    private static AgencyAssessment agency(String code, String name, long timely, long reads, Double score) {
        return new AgencyAssessment(code, name, 2, 0, 0, timely, 2 - timely, reads, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, score);
    }

    private static Publication year(int year, boolean interim, AgencyAssessment... agencies) {
        return new Publication(year, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), List.of(agencies), Map.of(),
                OffsetDateTime.of(year + 1, 1, 5, 10, 5, 42, 123_456_000, ZoneOffset.UTC), interim, "市大数据管理中心", "",
                List.of(), null);
    }

    @Test
    void scoredAgenciesAreRankedHighestFirstAndEqualScoresShareARank_Art34() {
        ReportView view = ReportView.of(year(2025, false, agency("A", "乙局", 1, 0, 80.0), agency("B", "甲局", 1, 0, 92.5),
                agency("C", "丙局", 1, 0, 80.0), agency("D", "丁局", 1, 0, null), agency("E", "戊局", 1, 0, 70.25)),
                Optional.empty(), List.of(), "得分 = ……");
        // Equal scores: in the order of the names (丙 bǐng before 乙 yǐ).
        assertEquals(List.of("1 B 92.5", "2 C 80.0", "2 A 80.0", "4 E 70.3", "— D —"), view.lines().stream()
                .map(l -> l.rank() + " " + l.a().agency() + " " + l.score()).toList());
        assertEquals("排名", view.definitions().get(0).term());
        assertEquals("得分 = ……", view.formula());
    }

    @Test
    void withoutScoresAgenciesAreInTheOrderOfTheirNamesUnrankedAndNoFormulaIsShown_Art34() {
        ReportView view = ReportView.of(year(2025, false, agency("B", "市民政局", 1, 0, null),
                agency("A", "市公安局", 1, 0, null)), Optional.empty(), List.of(), "得分 = ……");
        assertEquals(List.of("A", "B"), view.lines().stream().map(l -> l.a().agency()).toList());
        assertEquals("", view.lines().get(0).rank());
        assertEquals("部门", view.definitions().get(0).term());
        assertNull(view.formula());
    }

    @Test
    void thePublicationTimeIsBeijingTimeToTheMinute_Art34() {
        ReportView view = ReportView.of(year(2025, false), Optional.empty(), List.of(), null);
        assertEquals("2026年1月5日 18:05 北京时间", view.publishedAt());
        assertEquals("2026-01-05T18:05+08:00", view.publishedAtIso());
        assertEquals("2025年1月1日至2025年12月31日", view.period());
    }

    @Test
    void eachAgencysChangeIsAgainstThePreviousPublishedYearOrADash_Art34() {
        Publication before = year(2024, false, agency("A", "市公安局", 0, 10, 60.0));
        ReportView view = ReportView.of(year(2025, false, agency("A", "市公安局", 2, 4, 75.5),
                agency("B", "市民政局", 1, 0, 50.0)), Optional.of(before), List.of(), null);
        assertEquals(List.of("+15.5 +2 −2 −6", "— — — —"), view.changes().stream()
                .map(c -> c.score() + " " + c.timely() + " " + c.overdue() + " " + c.reads()).toList());
        assertEquals("与 2024 年度考核结果相比。", view.previousNote());
    }

    @Test
    void chartsRunFromTheHighestValue_Art34() {
        ReportCharts.Chart chart = ReportCharts.chart("usage", "数据被使用", "次",
                List.of(agency("A", "甲", 0, 3, null), agency("B", "乙", 0, 9, null), agency("C", "丙", 0, 5, null)),
                AgencyAssessment::readsByOthers);
        assertEquals(List.of(9L, 5L, 3L), chart.bars().stream().map(ReportCharts.Bar::value).toList());
        assertEquals(List.of(0, 22, 44), chart.bars().stream().map(ReportCharts.Bar::y).toList());
    }
}
