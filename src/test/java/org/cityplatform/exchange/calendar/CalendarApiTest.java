package org.cityplatform.exchange.calendar;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Objections" (Art. 20): the working-day calendar is data the center can update with
 * {@code GET}/{@code PUT /api/v1/calendar/{year}}; readiness and metrics warn when next year's is
 * missing. Tests change only years far from the shipped ones, except the one that restores 2027.
 */
@QuarkusTest
class CalendarApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Calendars calendars;

    private static Map<String, Object> day(String name, String date, boolean off) {
        return Map.of("name", name, "date", date, "isOffDay", off);
    }

    private static Map<String, Object> year(int year, List<Map<String, Object>> days) {
        return Map.of("year", year, "papers", List.of("https://www.gov.cn/notice-" + year), "days", days);
    }

    @Test
    void anyAuthenticatedCallerReadsAShippedYearInTheShapeOfTheHolidayFiles_Art20() {
        String agency = Platform.registerSignedAgency("市人社局");
        for (var caller : List.of(as(Tokens.center()), asAgency(agency), as(Tokens.ops()))) {
            caller.get("/api/v1/calendar/2026").then().statusCode(200)
                    .body("year", equalTo(2026))
                    .body("papers[0]", equalTo("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"))
                    .body("days", hasSize(39))
                    .body("days[0].name", equalTo("元旦"))
                    .body("days[0].date", equalTo("2026-01-01"))
                    .body("days[0].isOffDay", equalTo(true))
                    .body("days.find { it.date == '2026-02-14' }.isOffDay", equalTo(false));
        }
        // Known but unpublished: an empty year, not a missing one.
        as(Tokens.center()).get("/api/v1/calendar/2027").then().statusCode(200).body("days", hasSize(0));
    }

    @Test
    void anUnknownYearIsNotFoundAndAYearThatIsNoYearIsAnInvalidRequest() {
        assertProblem(as(Tokens.center()).get("/api/v1/calendar/2099").then(), 404, "NOT_FOUND")
                .body("detail", containsString("2099"));
        assertProblem(as(Tokens.center()).get("/api/v1/calendar/next").then(), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).get("/api/v1/calendar/12345").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void theCenterPutsAYearAndEveryoneReadsItBack_Art20() {
        var body = year(2040, List.of(day("元旦", "2040-01-01", true), day("春节", "2040-02-04", false)));
        as(Tokens.center()).contentType(ContentType.JSON).body(body).put("/api/v1/calendar/2040").then()
                .statusCode(200).body("year", equalTo(2040)).body("days", hasSize(2));
        as(Tokens.ops()).get("/api/v1/calendar/2040").then().statusCode(200)
                .body("papers[0]", equalTo("https://www.gov.cn/notice-2040"))
                .body("days[1].date", equalTo("2040-02-04")).body("days[1].isOffDay", equalTo(false));
        // A second PUT replaces the year whole.
        as(Tokens.center()).contentType(ContentType.JSON).body(year(2040, List.of(day("国庆节", "2040-10-01", true))))
                .put("/api/v1/calendar/2040").then().statusCode(200);
        as(Tokens.center()).get("/api/v1/calendar/2040").then().body("days", hasSize(1))
                .body("days[0].name", equalTo("国庆节"));
    }

    @Test
    void aHolidayFileIsAcceptedAsItIsWithItsSchemaReference() throws Exception {
        String file = Files.readString(Path.of("src/main/resources/calendar/holidays-cn/2025.json"), StandardCharsets.UTF_8)
                .replace("2025", "2045");
        as(Tokens.center()).contentType("application/json; charset=utf-8").body(file).put("/api/v1/calendar/2045")
                .then().statusCode(200).body("days", hasSize(33)).body("$", not(org.hamcrest.Matchers.hasKey("$schema")));
    }

    @Test
    void aPutAffectsOnlyDeadlinesComputedAfterIt_Art20() {
        as(Tokens.center()).contentType(ContentType.JSON).body(year(2041, List.of())).put("/api/v1/calendar/2041")
                .then().statusCode(200);
        WorkingDays before = calendars.current().await().atMost(WAIT);
        LocalDate filed = LocalDate.of(2041, 4, 29); // Monday
        assertEquals(LocalDate.of(2041, 5, 6), before.plusWorkingDays(filed, 5));

        as(Tokens.center()).contentType(ContentType.JSON)
                .body(year(2041, List.of(day("劳动节", "2041-05-01", true), day("劳动节", "2041-05-02", true))))
                .put("/api/v1/calendar/2041").then().statusCode(200);
        WorkingDays after = calendars.current().await().atMost(WAIT);

        assertEquals(LocalDate.of(2041, 5, 6), before.plusWorkingDays(filed, 5), "computed before: unchanged");
        assertEquals(LocalDate.of(2041, 5, 8), after.plusWorkingDays(filed, 5), "computed after: the new holidays");
        assertFalse(before.hasYear(2041));
        assertTrue(after.hasYear(2041));
    }

    @Test
    void theCalendarInTheDatabaseIsTheShippedOneForEveryDateOf2024To2026() {
        WorkingDays stored = calendars.current().await().atMost(WAIT);
        WorkingDays shipped = WorkingDays.of(HolidayFiles.shipped(new ObjectMapper()));
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.getYear() <= 2026; day = day.plusDays(1)) {
            assertEquals(shipped.isWorkingDay(day), stored.isWorkingDay(day), day.toString());
        }
    }

    @Test
    void onlyTheCenterPutsACalendar() {
        String agency = Platform.registerSignedAgency("市民政局");
        var body = year(2042, List.of());
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(body).put("/api/v1/calendar/2042").then(),
                403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).contentType(ContentType.JSON).body(body).put("/api/v1/calendar/2042").then(),
                403, "FORBIDDEN_ROLE");
        assertProblem(anonymous().contentType(ContentType.JSON).body(body).put("/api/v1/calendar/2042").then(),
                401, "UNAUTHENTICATED");
        assertProblem(anonymous().get("/api/v1/calendar/2026").then(), 401, "UNAUTHENTICATED");
        assertProblem(as(Tokens.center()).get("/api/v1/calendar/2042").then(), 404, "NOT_FOUND");
    }

    @Test
    void theBodysYearMustBeThePathsYear() {
        assertProblem(put(2043, year(2044, List.of())), 400, "INVALID_REQUEST")
                .body("detail", containsString("2044"));
        assertProblem(put(2043, Map.of("papers", List.of(), "days", List.of())), 400, "INVALID_REQUEST");
    }

    @Test
    void everyDateLiesWithinTheYearOrAMonthBeforeOrAfterIt() {
        // The month around the year is allowed: notices reach into the neighbouring year.
        put(2043, year(2043, List.of(day("元旦", "2042-12-01", true), day("元旦", "2044-01-31", false))))
                .statusCode(200);
        assertProblem(put(2043, year(2043, List.of(day("元旦", "2043-01-01", true), day("x", "2042-11-30", true)))),
                400, "INVALID_REQUEST").body("detail", containsString("2042-11-30"));
        assertProblem(put(2043, year(2043, List.of(day("x", "2044-02-01", true)))), 400, "INVALID_REQUEST")
                .body("detail", containsString("2044-02-01"));
    }

    @Test
    void noDateIsListedTwice() {
        assertProblem(put(2043, year(2043, List.of(day("春节", "2043-02-10", true), day("春节", "2043-02-11", true),
                day("春节", "2043-02-10", false)))), 400, "INVALID_REQUEST").body("detail", containsString("2043-02-10"));
    }

    @Test
    void aDayNeedsAValidDateANameAndIsOffDay() {
        assertProblem(put(2043, year(2043, List.of(day("x", "2043-02-30", true)))), 400, "INVALID_REQUEST")
                .body("detail", containsString("2043-02-30"));
        assertProblem(put(2043, year(2043, List.of(Map.of("name", "x", "date", "2043-03-03")))), 400, "INVALID_REQUEST")
                .body("detail", containsString("2043-03-03"));
        assertProblem(put(2043, year(2043, List.of(Map.of("date", "2043-03-04", "isOffDay", true)))), 400,
                "INVALID_REQUEST").body("detail", containsString("2043-03-04"));
        assertProblem(put(2043, Map.of("year", 2043, "papers", List.of())), 400, "INVALID_REQUEST")
                .body("detail", containsString("days"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body("{\"year\":2043,\"days\":[{\"date\":1}]")
                .put("/api/v1/calendar/2043").then(), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).put("/api/v1/calendar/2043").then(),
                400, "INVALID_REQUEST");
        assertProblem(put(2043, Map.of("year", 2043, "papers", List.of(), "days", List.of(), "extra", 1)), 400,
                "INVALID_REQUEST");
    }

    @Test
    void readinessAndTheGaugeWarnFromNovemberWhenNextYearsCalendarIsMissingOrEmpty_Art20() {
        LocalDate today = calendars.today();
        int next = today.getYear() + 1;
        boolean november = today.getMonthValue() >= 11;
        String warning = "WARNING: no calendar for " + next;
        String shipped = as(Tokens.center()).get("/api/v1/calendar/" + next).then().extract().asString();
        boolean published = shipped.contains("\"date\"");
        // As shipped: 2027 is empty, so from 1 November 2026 on the warning shows.
        assertCalendarReadiness(november && !published ? warning : "OK", november && !published ? 1 : 0);
        try {
            put(next, year(next, List.of())).statusCode(200);
            assertCalendarReadiness(november ? warning : "OK", november ? 1 : 0);

            put(next, year(next, List.of(day("元旦", next + "-01-01", true)))).statusCode(200);
            assertCalendarReadiness("OK", 0);
        } finally {
            if (shipped.contains("\"year\"")) {
                as(Tokens.center()).contentType(ContentType.JSON).body(shipped).put("/api/v1/calendar/" + next)
                        .then().statusCode(200);
            }
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheCalendar() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("\"/api/v1/calendar/{year}\""))
                .body(containsString("CalendarYear"))
                .body(containsString("isOffDay"));
    }

    private static void assertCalendarReadiness(String data, int gauge) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'calendar' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'calendar' }.data.calendar", equalTo(data));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("exchange_calendar_next_year_missing " + gauge + ".0"));
    }

    private static io.restassured.response.ValidatableResponse put(int path, Object body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body).put("/api/v1/calendar/" + path).then();
    }
}
