package org.cityplatform.exchange.assessment;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.PushHistory;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, Art. 34: timeliness judged per update-cycle period. Each test's provider is its own,
 * and its windows lie in 2012, a year no test sets requirements for (Art. 33): every dataset is
 * judged by its catalog cycle. The past is written by {@link PushHistory}.
 */
@QuarkusTest
class TimelinessTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(CITY);

    @Test
    void art34_aDailyDatasetPushedUnchangedEveryDayIsOnTimeInEveryPeriod() {
        String provider = Platform.registerSignedAgency("稳定数据提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String item = Platform.person(TestKeys.person(8501), "稳定", "某地");
        Platform.push(provider, daily, item);

        // Today: the data did not change, the provider pushed it anyway, and that is on time.
        PushHistory.forgetPushes(daily);
        asAgency(provider).contentType("application/x-ndjson").body(item).post("/api/v1/datasets/" + daily + "/records")
                .then().statusCode(200).body("accepted", equalTo(0)).body("unchanged", equalTo(1));
        Map<String, Object> today = figures(provider, TODAY, TODAY);
        Assertions.assertEquals(1, today.get("periods"), "today's period: not over, counted as it is already on time");
        Assertions.assertEquals(1, today.get("periodsOnTime"));
        Assertions.assertEquals(1, today.get("timelyDatasets"), "a stable dataset pushed on time is timely");
        Assertions.assertEquals(0, today.get("overdueDatasets"));

        // A month of such days: every day is a period, each on time.
        PushHistory.activeSince(daily, LocalDate.of(2012, 3, 1));
        PushHistory.pushedDaily(daily, LocalDate.of(2012, 3, 1), LocalDate.of(2012, 3, 31));
        Map<String, Object> march = figures(provider, LocalDate.of(2012, 3, 1), LocalDate.of(2012, 3, 31));
        Assertions.assertEquals(31, march.get("periods"));
        Assertions.assertEquals(31, march.get("periodsOnTime"));
        Assertions.assertEquals(0, march.get("periodsLate"));
        Assertions.assertEquals(0, march.get("periodsExcused"));
        Assertions.assertNull(march.get("score"), "no requirements published for 2012: no score");
    }

    @Test
    void art34_art28_aDayWithoutAPushIsLateUnlessADelayReportFiledBeforeItEndedCoversIt() {
        String provider = Platform.registerSignedAgency("偶有迟延的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        PushHistory.activeSince(daily, LocalDate.of(2012, 4, 1));
        PushHistory.pushedDaily(daily, LocalDate.of(2012, 4, 1), LocalDate.of(2012, 4, 2));
        PushHistory.pushedDaily(daily, LocalDate.of(2012, 4, 6), LocalDate.of(2012, 4, 10));
        // Filed on the 4th at ten, expecting to update by the 5th: covers the 4th and the 5th, not the 3rd.
        PushHistory.delayReported(daily, LocalDate.of(2012, 4, 4).atTime(10, 0).atZone(CITY).toOffsetDateTime(),
                LocalDate.of(2012, 4, 5));

        Map<String, Object> figures = figures(provider, LocalDate.of(2012, 4, 1), LocalDate.of(2012, 4, 10));
        Assertions.assertEquals(10, figures.get("periods"));
        Assertions.assertEquals(7, figures.get("periodsOnTime"));
        Assertions.assertEquals(2, figures.get("periodsExcused"), "the 4th and 5th, under the report");
        Assertions.assertEquals(1, figures.get("periodsLate"), "the 3rd: the report came after it ended");
    }

    @Test
    void art34_art28_aDelayReportCoversThePeriodsUntilItsExpectedDay() {
        String provider = Platform.registerSignedAgency("报告延迟三天的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        PushHistory.activeSince(daily, LocalDate.of(2012, 4, 1));
        PushHistory.delayReported(daily, LocalDate.of(2012, 4, 1).atTime(9, 0).atZone(CITY).toOffsetDateTime(),
                LocalDate.of(2012, 4, 3));
        PushHistory.pushedOn(daily, LocalDate.of(2012, 4, 2));

        Map<String, Object> figures = figures(provider, LocalDate.of(2012, 4, 1), LocalDate.of(2012, 4, 5));
        Assertions.assertEquals(5, figures.get("periods"));
        Assertions.assertEquals(1, figures.get("periodsOnTime"), "the 2nd");
        Assertions.assertEquals(2, figures.get("periodsExcused"), "the 1st and the 3rd");
        Assertions.assertEquals(2, figures.get("periodsLate"), "the 4th and 5th, after the expected day");
    }

    @Test
    void art34_aWeeklyDatasetIsJudgedPerIsoWeekAndAMonthlyOnePerMonth() {
        String weeklyProvider = Platform.registerSignedAgency("周报提供方");
        String weekly = dataset(weeklyProvider, "WEEKLY");
        PushHistory.activeSince(weekly, LocalDate.of(2012, 1, 1));
        // May 2012: the weeks ending on Sunday the 6th, 13th, 20th and 27th; the week of Monday the
        // 28th ends after the window and is counted only if already on time.
        PushHistory.pushedOn(weekly, LocalDate.of(2012, 4, 30), LocalDate.of(2012, 5, 15));
        Map<String, Object> may = figures(weeklyProvider, LocalDate.of(2012, 5, 1), LocalDate.of(2012, 5, 31));
        Assertions.assertEquals(4, may.get("periods"));
        Assertions.assertEquals(2, may.get("periodsOnTime"), "the week of Monday 30 April (pushed that Monday) and of the 14th");
        Assertions.assertEquals(2, may.get("periodsLate"));

        String monthlyProvider = Platform.registerSignedAgency("月报提供方");
        String monthly = dataset(monthlyProvider, "MONTHLY");
        PushHistory.activeSince(monthly, LocalDate.of(2012, 1, 1));
        PushHistory.pushedOn(monthly, LocalDate.of(2012, 6, 30));
        Map<String, Object> quarter = figures(monthlyProvider, LocalDate.of(2012, 5, 1), LocalDate.of(2012, 7, 31));
        Assertions.assertEquals(3, quarter.get("periods"));
        Assertions.assertEquals(1, quarter.get("periodsOnTime"), "June");
        Assertions.assertEquals(2, quarter.get("periodsLate"), "May and July");
    }

    @Test
    void art34_aRealtimeDatasetIsJudgedPerDay() {
        String provider = Platform.registerSignedAgency("实时数据提供方");
        String realtime = dataset(provider, "REALTIME");
        PushHistory.activeSince(realtime, LocalDate.of(2012, 1, 1));
        PushHistory.pushedOn(realtime, LocalDate.of(2012, 5, 1), LocalDate.of(2012, 5, 3));
        Map<String, Object> figures = figures(provider, LocalDate.of(2012, 5, 1), LocalDate.of(2012, 5, 3));
        Assertions.assertEquals(3, figures.get("periods"));
        Assertions.assertEquals(2, figures.get("periodsOnTime"));
        Assertions.assertEquals(1, figures.get("periodsLate"), "the 2nd");
    }

    @Test
    void art34_onlyPeriodsWhileTheDatasetWasActiveAreCounted() {
        String provider = Platform.registerSignedAgency("中途启用和退役的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        PushHistory.activeSince(daily, LocalDate.of(2012, 8, 15));
        PushHistory.retiredFrom(daily, LocalDate.of(2012, 8, 18));
        Map<String, Object> august = figures(provider, LocalDate.of(2012, 8, 1), LocalDate.of(2012, 8, 31));
        Assertions.assertEquals(3, august.get("periods"), "the 15th to the 17th");
        Assertions.assertEquals(3, august.get("periodsLate"));

        // Active since the middle of a month: that month counts only if already on time.
        String monthlyProvider = Platform.registerSignedAgency("月中启用的提供方");
        String monthly = dataset(monthlyProvider, "MONTHLY");
        PushHistory.activeSince(monthly, LocalDate.of(2012, 8, 15));
        Map<String, Object> months = figures(monthlyProvider, LocalDate.of(2012, 8, 1), LocalDate.of(2012, 9, 30));
        Assertions.assertEquals(1, months.get("periods"), "September only");
        Assertions.assertEquals(1, months.get("periodsLate"));
    }

    @Test
    void art34_art9_reclassifyingADatasetDoesNotEraseTheDaysItWasLateBefore() {
        String provider = Platform.registerSignedAgency("重新分级的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        PushHistory.activeSince(daily, LocalDate.of(2012, 9, 1));
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "CONDITIONAL", "conditions", "仅限社保核验", "legalBasis", "Art. 9"))
                .put("/api/v1/datasets/" + daily + "/classification").then().statusCode(200);
        Map<String, Object> figures = figures(provider, LocalDate.of(2012, 9, 1), LocalDate.of(2012, 9, 5));
        Assertions.assertEquals(5, figures.get("periods"), "active since 1 September, whatever its class now");
        Assertions.assertEquals(5, figures.get("periodsLate"));
    }

    @Test
    void art34_theCurrentPeriodCountsOnlyOnceOnTime() {
        String provider = Platform.registerSignedAgency("今日未推送的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        PushHistory.activeSince(daily, TODAY.minusDays(3));
        PushHistory.pushedOn(daily, TODAY.minusDays(2));
        Map<String, Object> figures = figures(provider, TODAY.minusDays(3), TODAY);
        Assertions.assertEquals(3, figures.get("periods"), "three days over; today is not, and has no push yet");
        Assertions.assertEquals(1, figures.get("periodsOnTime"));
        Assertions.assertEquals(2, figures.get("periodsLate"));
    }

    @Test
    void art34_theCatalogShowsTheLastPushAlsoWhenNothingChanged() {
        String provider = Platform.registerSignedAgency("显示最近推送的提供方");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        as(Tokens.center()).get("/api/v1/datasets/" + daily).then().statusCode(200)
                .body("lastPushAt", org.hamcrest.Matchers.nullValue());
        String item = Platform.person(TestKeys.person(8502), "不变", "某地");
        Platform.push(provider, daily, item);
        OffsetDateTime yesterday = OffsetDateTime.now(CITY).minusDays(1);
        PushHistory.lastPushAt(daily, yesterday);

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        asAgency(provider).contentType("application/x-ndjson").body(item).post("/api/v1/datasets/" + daily + "/records")
                .then().statusCode(200).body("unchanged", equalTo(1));
        String shown = as(Tokens.center()).get("/api/v1/datasets/" + daily).then().statusCode(200)
                .extract().path("lastPushAt");
        Assertions.assertTrue(OffsetDateTime.parse(shown).isAfter(before), "an unchanged push moved it: " + shown);
        String listed = asAgency(provider).queryParam("provider", provider).get("/api/v1/datasets").then().statusCode(200)
                .extract().jsonPath().getString("datasets.find { it.code == '" + daily + "' }.lastPushAt");
        Assertions.assertEquals(shown, listed, "the catalog's list shows it too");
    }

    static String dataset(String provider, String cycle) {
        String code = TestCodes.datasetCode(cycle.toLowerCase());
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", code, "name", "数据 " + code,
                        "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL", "updateCycle", cycle,
                        "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        return code;
    }

    static Map<String, Object> figures(String agency, LocalDate from, LocalDate to) {
        return as(Tokens.center()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/assessment").then().statusCode(200).extract().jsonPath()
                .getMap("agencies.find { it.agency == '" + agency + "' }");
    }
}
