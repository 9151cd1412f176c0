package org.cityplatform.exchange.supervision;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.calendar.WorkingDays;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Art. 35 through HTTP: the center orders an agency to rectify a finding within a number of working
 * days on the official calendar; the agency responds with its actions; the center closes the order
 * or opens it again with a new day. Overdue orders are told to both sides and counted in the
 * assessment; only the ordered agency sees or answers its orders.
 */
@QuarkusTest
class RectificationOrderApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Calendars calendars;

    @Inject
    OverdueOrders overdueOrders;

    private static Map<String, Object> order(String agency, String dataset, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("agency", agency);
        if (dataset != null) {
            body.put("dataset", dataset);
        }
        body.put("finding", "户籍人口数据连续两周未按日更新");
        body.put("required", "恢复每日更新并补齐缺失的变更");
        body.put("dueWorkingDays", days);
        return body;
    }

    private static long issue(Map<String, Object> body) {
        return ((Number) as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then()
                .statusCode(201).body("status", equalTo("OPEN")).extract().path("id")).longValue();
    }

    private static io.restassured.response.ValidatableResponse respond(String agency, long id, String actions) {
        return asAgency(agency).contentType(ContentType.JSON).body(Map.of("actions", actions))
                .post("/api/v1/orders/" + id + "/response").then();
    }

    private static io.restassured.response.ValidatableResponse close(long id, Map<String, Object> body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/orders/" + id + "/close")
                .then();
    }

    private static LocalDate today() {
        return CityDays.today(Clock.systemUTC());
    }

    private WorkingDays workingDays() {
        return calendars.current().await().atMost(WAIT);
    }

    @Test
    void art35_theOrderIsDueOnTheOfficialCalendarSkippingAHoliday() {
        String agency = Platform.registerSignedAgency("整改日历局");
        LocalDate today = today();
        // The first working day after today becomes a holiday for this test, whatever day it runs;
        // the year's calendar is put back as it was afterwards.
        LocalDate holiday = workingDays().plusWorkingDays(today, 1);
        LocalDate withoutHoliday = workingDays().plusWorkingDays(today, 2);
        String year = String.valueOf(holiday.getYear());
        var stored = as(Tokens.center()).get("/api/v1/calendar/" + year).then().extract();
        try {
            List<Map<String, Object>> days = stored.statusCode() == 200
                    ? new java.util.ArrayList<>(stored.jsonPath().getList("days")) : new java.util.ArrayList<>();
            days.removeIf(day -> holiday.toString().equals(day.get("date")));
            days.add(Map.of("name", "整改测试假日", "date", holiday.toString(), "isOffDay", true));
            as(Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("year", holiday.getYear(), "papers", List.of("https://www.gov.cn/test-" + year),
                            "days", days))
                    .put("/api/v1/calendar/" + year).then().statusCode(200);

            LocalDate expected = workingDays().plusWorkingDays(today, 2);
            assertTrue(expected.isAfter(withoutHoliday), "the holiday moves the day: " + expected);
            as(Tokens.center()).contentType(ContentType.JSON).body(order(agency, null, 2)).post("/api/v1/orders")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/orders/"))
                    .body("status", equalTo("OPEN"))
                    .body("dueOn", equalTo(expected.toString()))
                    .body("dueWorkingDays", equalTo(2))
                    .body("agency", equalTo(agency))
                    .body("overdue", equalTo(false));
        } finally {
            String restored = stored.statusCode() == 200 ? stored.asString()
                    : "{\"year\":" + year + ",\"papers\":[],\"days\":[]}";
            as(Tokens.center()).contentType(ContentType.JSON).body(restored).put("/api/v1/calendar/" + year).then()
                    .statusCode(200);
        }
        assertEquals(withoutHoliday, workingDays().plusWorkingDays(today, 2), "the calendar is as it was");
    }

    @Test
    void art35_theAgencyRespondsAndTheCenterClosesTheOrder() {
        String agency = Platform.registerSignedAgency("整改响应局");
        String dataset = Platform.registerPersonDataset(agency, "CONDITIONAL");
        long id = issue(order(agency, dataset, 5));
        LocalDate due = workingDays().plusWorkingDays(today(), 5);

        // The ordered agency is told what to rectify and by when.
        asAgency(agency).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.find { it.subject == 'order " + id + "' }.kind", equalTo("RECTIFICATION_ORDER"))
                .body("notifications.find { it.subject == 'order " + id + "' }.message",
                        containsString(due.toString()));
        asAgency(agency).get("/api/v1/orders/" + id).then().statusCode(200)
                .body("dataset", equalTo(dataset)).body("finding", equalTo("户籍人口数据连续两周未按日更新"))
                .body("dueOn", equalTo(due.toString())).body("late", equalTo(false));

        respond(agency, id, "已恢复每日推送，补齐 1,204 条变更").statusCode(200)
                .body("status", equalTo("RESPONDED")).body("actions", equalTo("已恢复每日推送，补齐 1,204 条变更"))
                .body("respondedAt", notNullValue());
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'order " + id + "' }.message", containsString("1,204"));
        // Responded once: a second response waits for the center.
        assertProblem(respond(agency, id, "再次说明"), 409, "INVALID_STATE");

        close(id, Map.of("accepted", true, "note", "核查属实")).statusCode(200)
                .body("status", equalTo("CLOSED")).body("note", equalTo("核查属实")).body("closedAt", notNullValue());
        assertProblem(close(id, Map.of("accepted", true)), 409, "INVALID_STATE");
        assertProblem(respond(agency, id, "x"), 409, "INVALID_STATE");

        // Every step is an ORDER audit event that names the order (Art. 31).
        as(Tokens.center()).queryParam("action", "ORDER").queryParam("targetType", "order").queryParam("targetId", id)
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.size()", equalTo(6))
                .body("events.findAll { it.outcome == 'OK' }.size()", equalTo(3));
    }

    @Test
    void art35_aResponseNotAcceptedOpensTheOrderAgainWithANewDay() {
        String agency = Platform.registerSignedAgency("整改复查局");
        long id = issue(order(agency, null, 3));
        // As if ordered weeks ago: the new day counts from the day the response is not accepted.
        sql("UPDATE rectification_orders SET due_on = current_date - 20 WHERE id = " + id);
        respond(agency, id, "已整改").statusCode(200).body("late", equalTo(true));

        assertProblem(close(id, Map.of("accepted", false)), 400, "REASON_REQUIRED");
        assertProblem(close(id, Map.of("accepted", false, "note", "  ")), 400, "REASON_REQUIRED");
        LocalDate again = workingDays().plusWorkingDays(today(), 3);
        close(id, Map.of("accepted", false, "note", "未补齐历史变更")).statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("dueOn", equalTo(again.toString()))
                .body("reopened", equalTo(1))
                .body("note", equalTo("未补齐历史变更"))
                .body("late", equalTo(true))
                .body("overdue", equalTo(false));
        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("未补齐历史变更")))
                .body("notifications.message", hasItem(containsString(again.toString())));

        respond(agency, id, "已补齐历史变更").statusCode(200).body("status", equalTo("RESPONDED"));
        close(id, Map.of("accepted", true)).statusCode(200).body("status", equalTo("CLOSED"))
                .body("note", nullValue());
    }

    @Test
    void art35_onlyTheCenterOrdersAndOnlyTheOrderedAgencyRespondsOrSeesIt() {
        String agency = Platform.registerSignedAgency("整改权限局");
        String stranger = Platform.registerSignedAgency("整改无关局");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(order(agency, null, 5))
                .post("/api/v1/orders").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).contentType(ContentType.JSON).body(order(agency, null, 5))
                .post("/api/v1/orders").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(anonymous().contentType(ContentType.JSON).body(order(agency, null, 5))
                .post("/api/v1/orders").then(), 401, "UNAUTHENTICATED");
        long id = issue(order(agency, null, 5));

        assertProblem(respond(stranger, id, "不是我们的"), 403, "NOT_ADDRESSEE");
        assertProblem(asAgency(stranger).get("/api/v1/orders/" + id).then(), 403, "NOT_ADDRESSEE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("actions", "x"))
                .post("/api/v1/orders/" + id + "/response").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(Map.of("accepted", true))
                .post("/api/v1/orders/" + id + "/close").then(), 403, "FORBIDDEN_ROLE");
        // Closing waits for a response.
        assertProblem(close(id, Map.of("accepted", true)), 409, "INVALID_STATE");
        assertProblem(respond(agency, 999_999_999L, "x"), 404, "NOT_FOUND");

        // An agency lists its own orders only.
        asAgency(agency).get("/api/v1/orders").then().statusCode(200)
                .body("orders.id", hasItem((int) id)).body("orders.agency", everyItem(equalTo(agency)));
        asAgency(stranger).get("/api/v1/orders").then().statusCode(200).body("orders.id", not(hasItem((int) id)));
        assertProblem(asAgency(stranger).queryParam("agency", agency).get("/api/v1/orders").then(), 403,
                "NOT_ADDRESSEE");
        assertProblem(as(Tokens.ops()).get("/api/v1/orders").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void art35_anOverdueOrderIsToldToBothOnceListedAsOverdueAndCountedInTheAssessment() throws Throwable {
        String agency = Platform.registerSignedAgency("整改逾期局");
        long late = issue(order(agency, null, 1));
        long onTime = issue(order(agency, null, 10));
        sql("UPDATE rectification_orders SET due_on = current_date - 3 WHERE id = " + late);

        int overdue = VertxContextSupport.subscribeAndAwait(() -> overdueOrders.markOn(today()));
        assertTrue(overdue >= 1, "at least this order is overdue: " + overdue);
        String subject = "order " + late;
        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.findAll { it.subject == '" + subject + "' && it.kind == 'OVERDUE' }", hasSize(1));
        as(Tokens.center()).get("/api/v1/notifications?limit=1000").then()
                .body("notifications.findAll { it.subject == '" + subject + "' && it.kind == 'OVERDUE' }", hasSize(1));
        // Once per order and due day.
        VertxContextSupport.subscribeAndAwait(() -> overdueOrders.markOn(today()));
        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.findAll { it.subject == '" + subject + "' && it.kind == 'OVERDUE' }", hasSize(1));

        as(Tokens.center()).queryParam("agency", agency).queryParam("overdue", "true").get("/api/v1/orders").then()
                .statusCode(200).body("orders.id", equalTo(List.of((int) late)))
                .body("orders[0].overdue", equalTo(true)).body("orders[0].late", equalTo(true));
        asAgency(agency).queryParam("overdue", "true").get("/api/v1/orders").then().statusCode(200)
                .body("orders.id", equalTo(List.of((int) late)));
        as(Tokens.center()).queryParam("agency", agency).queryParam("status", "OPEN").get("/api/v1/orders").then()
                .body("orders.id", equalTo(List.of((int) onTime, (int) late)));

        String day = today().toString();
        as(Tokens.center()).queryParam("from", day).queryParam("to", day).get("/api/v1/assessment").then()
                .statusCode(200).body("agencies.find { it.agency == '" + agency + "' }.ordersOverdue", equalTo(1));
        // Art. 33: weighed in the score, orders count as the share of those issued that kept their day.
        int year = today().getYear();
        try {
            as(Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("datasets", List.of(), "weights", Map.of("orders", 1)))
                    .put("/api/v1/assessment/" + year + "/requirements").then().statusCode(200);
            double score = as(Tokens.center()).queryParam("from", day).queryParam("to", day).get("/api/v1/assessment")
                    .then().statusCode(200).extract().jsonPath()
                    .getDouble("agencies.find { it.agency == '" + agency + "' }.score");
            assertEquals(50.0, score, 0.001, "one of its two orders went past its day");
        } finally {
            // Other tests read this year unscored.
            sql("DELETE FROM assessment_requirements WHERE year = " + year);
        }
        // Answering late does not undo the lateness.
        respond(agency, late, "已整改").statusCode(200);
        asAgency(agency).queryParam("from", day).queryParam("to", day).get("/api/v1/assessment").then()
                .statusCode(200).body("agencies[0].ordersOverdue", equalTo(1));
        as(Tokens.center()).queryParam("agency", agency).queryParam("overdue", "true").get("/api/v1/orders").then()
                .body("orders", hasSize(0));
    }

    @Test
    void art35_anOrderNamesARegisteredAgencyItsOwnDatasetAndABoundedNumberOfWorkingDays() {
        String agency = Platform.registerSignedAgency("整改校验局");
        String other = Platform.registerSignedAgency("整改他局");
        String othersDataset = Platform.registerPersonDataset(other, "CONDITIONAL");

        assertProblem(post(order(agency, othersDataset, 5)), 400, "INVALID_REQUEST")
                .body("detail", containsString("dataset"));
        assertProblem(post(order(agency, "no-such-dataset", 5)), 400, "INVALID_REQUEST")
                .body("detail", containsString("no-such-dataset"));
        assertProblem(post(order(org.cityplatform.exchange.support.TestCodes.creditCode(), null, 5)), 400,
                "INVALID_REQUEST").body("detail", containsString("not registered"));
        assertProblem(post(order("not-a-code", null, 5)), 400, "INVALID_KEY");
        for (int days : new int[] {0, -1, 61}) {
            assertProblem(post(order(agency, null, days)), 400, "INVALID_REQUEST")
                    .body("detail", containsString("dueWorkingDays"));
        }
        Map<String, Object> missing = order(agency, null, 5);
        missing.remove("dueWorkingDays");
        assertProblem(post(missing), 400, "INVALID_REQUEST");
        Map<String, Object> blank = order(agency, null, 5);
        blank.put("finding", " ");
        assertProblem(post(blank), 400, "INVALID_REQUEST").body("detail", containsString("finding"));
        Map<String, Object> tooLong = order(agency, null, 5);
        tooLong.put("required", "x".repeat(4001));
        assertProblem(post(tooLong), 400, "INVALID_REQUEST").body("detail", containsString("required"));
        Map<String, Object> unknown = order(agency, null, 5);
        unknown.put("severity", "high");
        assertProblem(post(unknown), 400, "INVALID_REQUEST");

        long id = issue(order(agency, null, 5));
        assertProblem(respond(agency, id, " "), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("note", "x"))
                .post("/api/v1/orders/" + id + "/close").then(), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("status", "LATE").get("/api/v1/orders").then(), 400,
                "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("overdue", "maybe").get("/api/v1/orders").then(), 400,
                "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("limit", "0").get("/api/v1/orders").then(), 400,
                "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("limit", "1001").get("/api/v1/orders").then(), 400,
                "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("agency", "x").get("/api/v1/orders").then(), 400,
                "INVALID_KEY");
        assertProblem(as(Tokens.center()).get("/api/v1/orders/abc").then(), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).get("/api/v1/orders/999999999").then(), 404, "NOT_FOUND");
        as(Tokens.center()).queryParam("agency", agency).queryParam("limit", "1").get("/api/v1/orders").then()
                .statusCode(200).body("orders", hasSize(1));
        assertNotEquals(0, id);
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then();
    }

    /** Moves a deadline behind the gateway's back, as time would. */
    static void sql(String statement) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.createStatement().executeUpdate(statement);
        } catch (Exception e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
