package org.cityplatform.exchange.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published assessment table as CSV (Art. 34): names and advice never reach a spreadsheet as formulas. */
class ReportCsvTest {

    @Test
    void hostileNamesAndAdviceAreNeutralisedAndFiguresStayNumbers() {
        AgencyAssessment hostile = new AgencyAssessment("91310000MA1FL8XQ30", "=HYPERLINK(\"http://x.example\",\"点此\")",
                2, 10, 3, 1, 1, 0, 0, 0, 0, 0, 0);
        AgencyAssessment plain = new AgencyAssessment("11310000002420000A", "市公安局", 1, 5, 0, 1, 0, 7, 2, 0, 0, 1, 1,
                0, 1, 2, 1, 0, 365, 360, 3, 2, 97.5);
        Publication p = new Publication(2026, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                List.of(hostile, plain), Map.of("91310000MA1FL8XQ30", "@SUM(1)+cmd|' /C calc'!A0",
                        "11310000002420000A", "-请按时推送"), OffsetDateTime.now(), false, "市大数据管理中心", "", List.of(), null);
        List<String> rows = ReportCsv.of(p).lines().toList();
        assertEquals("91310000MA1FL8XQ30,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点此\"\")\",2,10,3,1,1,0,0,0,0,0,0,"
                + "0,0,0,0,0,0,0,0,0,,\"'@SUM(1)+cmd|' /C calc'!A0\"", rows.get(1), "no score: an empty cell");
        assertEquals("11310000002420000A,\"市公安局\",1,5,0,1,0,7,2,0,0,1,1,0,1,2,1,0,365,360,3,2,97.5,\"'-请按时推送\"",
                rows.get(2));
    }
}
