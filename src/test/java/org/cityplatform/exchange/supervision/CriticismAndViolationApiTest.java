package org.cityplatform.exchange.supervision;

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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 35 and 36 through HTTP: the center criticises an agency in writing, on its own or following
 * one of that agency's rectification orders, and records violations with the audit events that show
 * them. The agency is told and sees its own; the assessment counts both.
 */
@QuarkusTest
class CriticismAndViolationApiTest {

    private static long order(String agency) {
        return ((Number) as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("agency", agency, "finding", "超出职责范围使用数据", "required", "停止并说明",
                        "dueWorkingDays", 5))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id")).longValue();
    }

    /** An audit event of the trail: the ORDER event of creating this order. */
    private static long auditEventOf(long order) {
        return ((Number) as(Tokens.center()).queryParam("targetType", "order").queryParam("targetId", order)
                .get("/api/v1/audit").then().statusCode(200).body("events", hasSize(1))
                .extract().path("events[0].id")).longValue();
    }

    private static Map<String, Object> violation(String agency, String article, List<Long> evidence) {
        Map<String, Object> body = new HashMap<>();
        body.put("agency", agency);
        body.put("article", article);
        body.put("description", "将共享数据用于职责以外的商业核验");
        body.put("evidence", evidence);
        return body;
    }

    private static io.restassured.response.ValidatableResponse criticise(Map<String, Object> body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/criticisms").then();
    }

    private static io.restassured.response.ValidatableResponse record(Map<String, Object> body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/violations").then();
    }

    @Test
    void art35_art36_theCenterCriticisesInWritingAndTheAgencySeesItsOwn() {
        String agency = Platform.registerSignedAgency("通报批评局");
        String other = Platform.registerSignedAgency("通报旁观局");
        long order = order(agency);

        long alone = ((Number) criticise(Map.of("agency", agency, "text", "多次逾期未更新数据，予以书面批评"))
                .statusCode(201).header("Location", containsString("/api/v1/criticisms/"))
                .body("agency", equalTo(agency)).body("order", nullValue()).body("issuedAt", notNullValue())
                .extract().path("id")).longValue();
        long following = ((Number) criticise(Map.of("agency", agency, "text", "整改不力", "order", order))
                .statusCode(201).body("order", equalTo((int) order)).extract().path("id")).longValue();
        criticise(Map.of("agency", other, "text", "另一机构")).statusCode(201);

        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'criticism " + alone + "' }.kind", equalTo("CRITICISM"))
                .body("notifications.find { it.subject == 'criticism " + following + "' }.message",
                        containsString("整改不力"));
        asAgency(agency).get("/api/v1/criticisms").then().statusCode(200)
                .body("criticisms.id", equalTo(List.of((int) following, (int) alone)))
                .body("criticisms.agency", everyItem(equalTo(agency)));
        as(Tokens.center()).queryParam("agency", agency).get("/api/v1/criticisms").then().statusCode(200)
                .body("criticisms", hasSize(2));
        as(Tokens.center()).get("/api/v1/criticisms").then().statusCode(200)
                .body("criticisms.agency", hasItem(other));
        assertProblem(asAgency(other).queryParam("agency", agency).get("/api/v1/criticisms").then(), 403,
                "NOT_ADDRESSEE");
        assertProblem(as(Tokens.ops()).get("/api/v1/criticisms").then(), 403, "FORBIDDEN_ROLE");
        asAgency(agency).get("/api/v1/criticisms/" + following).then().statusCode(200)
                .body("text", equalTo("整改不力")).body("order", equalTo((int) order));
        assertProblem(asAgency(other).get("/api/v1/criticisms/" + following).then(), 403, "NOT_ADDRESSEE");
        assertProblem(as(Tokens.center()).get("/api/v1/criticisms/999999999").then(), 404, "NOT_FOUND");

        // Each is a CRITICISM audit event naming it (Art. 31).
        as(Tokens.center()).queryParam("action", "CRITICISM").queryParam("targetType", "criticism")
                .queryParam("targetId", alone).get("/api/v1/audit").then().statusCode(200)
                .body("events", hasSize(1)).body("events[0].outcome", equalTo("OK"));

        String day = CityDays.today(Clock.systemUTC()).toString();
        as(Tokens.center()).queryParam("from", day).queryParam("to", day).get("/api/v1/assessment").then()
                .statusCode(200).body("agencies.find { it.agency == '" + agency + "' }.criticisms", equalTo(2))
                .body("agencies.find { it.agency == '" + other + "' }.criticisms", equalTo(1));
    }

    @Test
    void art35_art36_theYearsCriticismsArePublishedWithItsReport() {
        String agency = Platform.registerSignedAgency("年度批评局");
        // A year no other test publishes; criticised then, as time would have it.
        int year = 2006;
        RectificationOrderApiTest.sql("DELETE FROM assessment_publications WHERE year = " + year);
        RectificationOrderApiTest.sql("INSERT INTO criticisms (agency, text, issued_at, issued_by) VALUES ('" + agency
                + "', '全年三次逾期未整改', '" + year + "-06-01T10:00:00+08:00', 'center-test')");

        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assessment/" + year + "/publish").then().statusCode(201)
                .body("criticisms.find { it.agency == '" + agency + "' }.text", equalTo("全年三次逾期未整改"))
                .body("criticisms.issuedAt", everyItem(containsString(year + "-")));
        // Stored with the figures, and on the public report with the addressee's name and day.
        io.restassured.RestAssured.given().get("/assessment/" + year).then().statusCode(200)
                .body(containsString("全年三次逾期未整改")).body(containsString("年度批评局"))
                .body(containsString(year + "-06-01"));
    }

    @Test
    void art35_art36_aCriticismNamesARegisteredAgencyAndOneOfItsOwnOrders() {
        String agency = Platform.registerSignedAgency("批评校验局");
        String other = Platform.registerSignedAgency("批评他局");
        long othersOrder = order(other);
        assertProblem(criticise(Map.of("agency", agency, "text", "x", "order", othersOrder)), 400, "INVALID_REQUEST")
                .body("detail", containsString("order"));
        assertProblem(criticise(Map.of("agency", agency, "text", "x", "order", 999_999_999)), 400, "INVALID_REQUEST")
                .body("detail", containsString("order"));
        assertProblem(criticise(Map.of("agency", agency, "text", "x", "order", 0)), 400, "INVALID_REQUEST");
        assertProblem(criticise(Map.of("agency", TestCodes.creditCode(), "text", "x")), 400, "INVALID_REQUEST")
                .body("detail", containsString("not registered"));
        assertProblem(criticise(Map.of("agency", "bad", "text", "x")), 400, "INVALID_KEY");
        assertProblem(criticise(Map.of("agency", agency, "text", " ")), 400, "INVALID_REQUEST")
                .body("detail", containsString("text"));
        assertProblem(criticise(Map.of("agency", agency, "text", "x".repeat(4001))), 400, "INVALID_REQUEST");
        assertProblem(criticise(Map.of("text", "x")), 400, "INVALID_REQUEST");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(Map.of("agency", agency, "text", "自我批评"))
                .post("/api/v1/criticisms").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).queryParam("limit", "0").get("/api/v1/criticisms").then(), 400,
                "INVALID_REQUEST");
        asAgency(agency).get("/api/v1/criticisms").then().statusCode(200).body("criticisms", hasSize(0));
    }

    @Test
    void art36_theCenterRecordsAViolationWithAuditEventsAsEvidence() {
        String agency = Platform.registerSignedAgency("违规记录局");
        String other = Platform.registerSignedAgency("违规旁观局");
        long event = auditEventOf(order(agency));

        long id = ((Number) record(violation(agency, "Art. 36", List.of(event, event))).statusCode(201)
                .header("Location", containsString("/api/v1/violations/"))
                .body("agency", equalTo(agency)).body("article", equalTo("Art. 36"))
                .body("evidence", equalTo(List.of((int) event)))
                .body("recordedAt", notNullValue())
                .extract().path("id")).longValue();
        record(violation(agency, "Art. 4(1)", List.of(event))).statusCode(201);

        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'violation " + id + "' }.kind", equalTo("VIOLATION"))
                .body("notifications.find { it.subject == 'violation " + id + "' }.message",
                        containsString("Art. 36"));
        asAgency(agency).get("/api/v1/violations").then().statusCode(200).body("violations", hasSize(2))
                .body("violations[1].id", equalTo((int) id));
        asAgency(other).get("/api/v1/violations").then().statusCode(200)
                .body("violations.id", not(hasItem((int) id)));
        assertProblem(asAgency(other).queryParam("agency", agency).get("/api/v1/violations").then(), 403,
                "NOT_ADDRESSEE");
        as(Tokens.center()).queryParam("agency", agency).get("/api/v1/violations").then().statusCode(200)
                .body("violations", hasSize(2));
        asAgency(agency).get("/api/v1/violations/" + id).then().statusCode(200)
                .body("article", equalTo("Art. 36")).body("evidence", equalTo(List.of((int) event)));
        assertProblem(asAgency(other).get("/api/v1/violations/" + id).then(), 403, "NOT_ADDRESSEE");
        assertProblem(as(Tokens.center()).get("/api/v1/violations/999999999").then(), 404, "NOT_FOUND");
        as(Tokens.center()).queryParam("action", "VIOLATION").queryParam("targetType", "violation")
                .queryParam("targetId", id).get("/api/v1/audit").then().statusCode(200).body("events", hasSize(1));

        String day = CityDays.today(Clock.systemUTC()).toString();
        as(Tokens.center()).queryParam("from", day).queryParam("to", day).get("/api/v1/assessment").then()
                .statusCode(200).body("agencies.find { it.agency == '" + agency + "' }.violations", equalTo(2))
                .body("agencies.find { it.agency == '" + other + "' }.violations", equalTo(0));
    }

    @Test
    void art36_evidenceIsOneToFiftyAuditEventsOfTheTrailAndTheArticleIsCitedAsTheMeasuresAre() {
        String agency = Platform.registerSignedAgency("违规校验局");
        long event = auditEventOf(order(agency));

        assertProblem(record(violation(agency, "Art. 36", List.of(event, 999_999_999_999L))), 400, "INVALID_REQUEST")
                .body("detail", containsString("evidence")).body("detail", containsString("999999999999"));
        assertProblem(record(violation(agency, "Art. 36", List.of())), 400, "INVALID_REQUEST")
                .body("detail", containsString("evidence"));
        assertProblem(record(violation(agency, "Art. 36", LongStream.rangeClosed(1, 51).boxed().toList())), 400,
                "INVALID_REQUEST").body("detail", containsString("evidence"));
        assertProblem(record(violation(agency, "Art. 36", List.of(-1L))), 400, "INVALID_REQUEST");
        Map<String, Object> noEvidence = violation(agency, "Art. 36", List.of(event));
        noEvidence.remove("evidence");
        assertProblem(record(noEvidence), 400, "INVALID_REQUEST");
        for (String article : List.of("36", "Art.36", "Art. 0", "Art. 1000", "第三十六条", "Art. 36; DROP")) {
            assertProblem(record(violation(agency, article, List.of(event))), 400, "INVALID_REQUEST")
                    .body("detail", containsString("article"));
        }
        Map<String, Object> blank = violation(agency, "Art. 36", List.of(event));
        blank.put("description", "");
        assertProblem(record(blank), 400, "INVALID_REQUEST").body("detail", containsString("description"));
        assertProblem(record(violation(TestCodes.creditCode(), "Art. 36", List.of(event))), 400, "INVALID_REQUEST")
                .body("detail", containsString("not registered"));
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(violation(agency, "Art. 36", List.of(event)))
                .post("/api/v1/violations").then(), 403, "FORBIDDEN_ROLE");
        asAgency(agency).get("/api/v1/violations").then().statusCode(200).body("violations", hasSize(0));
    }
}
