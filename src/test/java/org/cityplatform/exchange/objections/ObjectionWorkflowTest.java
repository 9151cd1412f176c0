package org.cityplatform.exchange.objections;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Art. 20 through HTTP: a consumer objects to a record it may read; the center reviews within 5
 * working days, or refers the record to its provider, who answers in writing within 3; while the
 * objection is open every read of the record says so.
 */
@QuarkusTest
class ObjectionWorkflowTest {

    @Inject
    Calendars calendars;

    @Inject
    OverdueObjections overdue;

    private record Scene(String provider, String consumer, String dataset, String key) {
    }

    private static Scene scene(String name) {
        String provider = Platform.registerSignedAgency(name + "提供方");
        String consumer = Platform.registerSignedAgency(name + "使用方");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(8100 + Math.abs(name.hashCode() % 800));
        Platform.push(provider, dataset, Platform.person(key, "赵六", "旧地址"));
        return new Scene(provider, consumer, dataset, key);
    }

    private static int file(Scene s) {
        return asAgency(s.consumer()).contentType(ContentType.JSON)
                .body(Map.of("dataset", s.dataset(), "key", s.key(), "kind", "ERROR", "description", "住址已变更"))
                .post("/api/v1/objections").then().statusCode(201)
                .body("status", equalTo("OPEN")).body("filedOn", notNullValue()).body("reviewDue", notNullValue())
                .extract().path("id");
    }

    @Test
    void aConsumerObjectsAndTheCenterReviewsWithinFiveWorkingDays_Art20() throws Throwable {
        Scene s = scene("复核");
        var filed = asAgency(s.consumer()).contentType(ContentType.JSON)
                .body(Map.of("dataset", s.dataset(), "key", s.key(), "kind", "INCOMPLETE", "description", "缺少出生日期"))
                .post("/api/v1/objections").then().statusCode(201).extract();
        int id = filed.path("id");
        LocalDate filedOn = LocalDate.parse(filed.path("filedOn"));
        LocalDate expected = VertxContextSupport.subscribeAndAwait(() -> calendars.current())
                .plusWorkingDays(filedOn, 5);
        assertEquals(expected.toString(), filed.path("reviewDue"), "5 working days after filing");

        // While it is open, every read of the record says so.
        String record = "/api/v1/datasets/" + s.dataset() + "/records/" + s.key();
        asAgency(s.consumer()).get(record).then().statusCode(200)
                .body("objection.id", equalTo(id)).body("objection.status", equalTo("OPEN"));
        asAgency(s.consumer()).get("/api/v1/subjects/" + s.key()).then().statusCode(200)
                .body("records.find { it.dataset == '" + s.dataset() + "' }.objection.id", equalTo(id));
        String export = asAgency(s.consumer()).get("/api/v1/datasets/" + s.dataset() + "/export").then().statusCode(200)
                .extract().asString();
        assertTrue(export.contains("\"objection\":{\"id\":" + id + ",\"status\":\"OPEN\"}"), export);

        // CORRECTED needs the corrected record pushed (ObjectionCorrectionTest).
        Platform.push(s.provider(), s.dataset(), Platform.person(s.key(), "赵六", "新地址"));
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("outcome", "CORRECTED", "note", "已通知更正"))
                .post("/api/v1/objections/" + id + "/review").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("reviewOutcome", equalTo("CORRECTED"));
        asAgency(s.consumer()).get("/api/v1/notifications").then()
                .body("notifications.kind", hasItem("OBJECTION"));
        asAgency(s.consumer()).get(record).then().statusCode(200).body("objection", nullValue());

        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("outcome", "CONFIRMED"))
                .post("/api/v1/objections/" + id + "/review").then(), 409, "INVALID_STATE");

        // Every step is an audit event (Art. 31), the refused one too.
        as(Tokens.center()).queryParam("action", "OBJECTION").queryParam("agency", s.consumer())
                .get("/api/v1/audit").then().statusCode(200).body("events.size()", equalTo(1));
        as(Tokens.center()).queryParam("action", "OBJECTION").queryParam("outcome", "INVALID")
                .get("/api/v1/audit").then().statusCode(200).body("events.code", hasItem("INVALID_STATE"));
    }

    @Test
    void art20_theCenterReadsTheRecordUnderReviewAsFiledAndAsItIsNow_aReadInTheObjectionsCase() {
        Scene s = scene("审阅");
        int id = file(s);
        Platform.push(s.provider(), s.dataset(), Platform.person(s.key(), "赵六", "新地址"));

        as(Tokens.center()).get("/api/v1/objections/" + id + "/record").then().statusCode(200)
                .body("objection", equalTo(id)).body("dataset", equalTo(s.dataset())).body("key", equalTo(s.key()))
                .body("asFiled.version", equalTo(1)).body("asFiled.data.address", equalTo("旧地址"))
                .body("now.version", equalTo(2)).body("now.data.address", equalTo("新地址"));
        assertProblem(asAgency(s.consumer()).get("/api/v1/objections/" + id + "/record").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).get("/api/v1/objections/999999999/record").then(), 404, "NOT_FOUND");

        // Art. 31: the center's reading is in the trail like any other, under the objection as its case.
        as(Tokens.center()).queryParam("caseId", "objection-" + id).queryParam("action", "READ")
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.subjects.flatten()", hasItem(s.key()))
                .body("events.outcome", hasItem("OK"));
    }

    @Test
    void art31_whoReadThisPersonFindsWhoObjectedToTheRecord() {
        Scene s = scene("异议留痕");
        int id = file(s);

        as(Tokens.center()).queryParam("subject", s.key()).queryParam("action", "OBJECTION")
                .queryParam("agency", s.consumer()).get("/api/v1/audit").then().statusCode(200)
                .body("events.target.id", hasItem(String.valueOf(id)))
                .body("events.subjects.flatten()", hasItem(s.key()));
    }

    @Test
    void aReferredObjectionIsAnsweredByTheProviderInWritingWithinThreeWorkingDays_Art20() throws Throwable {
        Scene s = scene("转办");
        int id = file(s);
        var referred = as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("outcome", "REFER_TO_PROVIDER", "note", "非技术原因"))
                .post("/api/v1/objections/" + id + "/review").then().statusCode(200)
                .body("status", equalTo("PROVIDER_CHECK")).extract();
        LocalDate reviewedOn = LocalDate.parse(((String) referred.path("reviewedAt")).substring(0, 10));
        LocalDate providerDue = LocalDate.parse(referred.path("providerDue"));
        assertTrue(providerDue.isAfter(reviewedOn.plusDays(2)), "3 working days are at least 3 days: " + providerDue);
        asAgency(s.provider()).get("/api/v1/notifications").then().body("notifications.kind", hasItem("OBJECTION"));
        asAgency(s.consumer()).get("/api/v1/datasets/" + s.dataset() + "/records/" + s.key()).then()
                .body("objection.status", equalTo("PROVIDER_CHECK"));

        assertProblem(asAgency(s.consumer()).contentType(ContentType.JSON)
                .body(Map.of("outcome", "CORRECTED", "note", "x"))
                .post("/api/v1/objections/" + id + "/provider-response").then(), 403, "NOT_PROVIDER");
        assertProblem(asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("outcome", "CONFIRMED", "note", " "))
                .post("/api/v1/objections/" + id + "/provider-response").then(), 400, "REASON_REQUIRED");
        asAgency(s.provider()).contentType(ContentType.JSON)
                .body(Map.of("outcome", "CONFIRMED", "note", "经核查，户籍地址无误"))
                .post("/api/v1/objections/" + id + "/provider-response").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("providerNote", equalTo("经核查，户籍地址无误"));
        asAgency(s.consumer()).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(org.hamcrest.Matchers.containsString("经核查，户籍地址无误")));
    }

    @Test
    void onlyAConsumerThatMayReadTheRecordObjects_Art20() {
        String provider = Platform.registerSignedAgency("异议提供方");
        String stranger = Platform.registerSignedAgency("无权读者");
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        String key = TestKeys.person(8099);
        Platform.push(provider, conditional, Platform.person(key, "钱七", "某处"));
        Map<String, Object> body = Map.of("dataset", conditional, "key", key, "kind", "ERROR", "description", "有误");
        assertProblem(asAgency(stranger).contentType(ContentType.JSON).body(body).post("/api/v1/objections").then(),
                403, "NO_GRANT");
        assertProblem(asAgency(provider).contentType(ContentType.JSON).body(body).post("/api/v1/objections").then(),
                403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/objections").then(),
                403, "FORBIDDEN_ROLE");

        String open = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        assertProblem(asAgency(stranger).contentType(ContentType.JSON)
                .body(Map.of("dataset", open, "key", TestKeys.person(8098), "kind", "ERROR", "description", "无此人"))
                .post("/api/v1/objections").then(), 404, "NOT_FOUND");
        assertProblem(asAgency(stranger).contentType(ContentType.JSON)
                .body(Map.of("dataset", open, "key", key, "kind", "WRONG", "description", "x"))
                .post("/api/v1/objections").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void theOverdueJobTellsTheCenterAndTheProviderOnceAndOverdueListsThem_Art20() throws Throwable {
        Scene review = scene("逾期复核");
        int late = file(review);
        Scene check = scene("逾期核查");
        int referred = file(check);
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("outcome", "REFER_TO_PROVIDER"))
                .post("/api/v1/objections/" + referred + "/review").then().statusCode(200);

        LocalDate farAhead = LocalDate.now().plusMonths(2);
        int count = VertxContextSupport.subscribeAndAwait(() -> overdue.markOn(farAhead));
        assertTrue(count >= 2, "both are overdue two months on: " + count);
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.subject", hasItem("objection " + late))
                .body("notifications.subject", hasItem("objection " + referred));
        asAgency(check.provider()).get("/api/v1/notifications").then()
                .body("notifications.kind", hasItem("OVERDUE"));
        int notices = as(Tokens.center()).get("/api/v1/notifications").then().extract().path("notifications.size()");
        VertxContextSupport.subscribeAndAwait(() -> overdue.markOn(farAhead));
        as(Tokens.center()).get("/api/v1/notifications").then().body("notifications.size()", equalTo(notices));

        // overdue=true follows today's date: move one deadline into the past.
        sql("UPDATE objections SET review_due = current_date - 1 WHERE id = ?", late);
        as(Tokens.center()).queryParam("overdue", "true").get("/api/v1/objections").then().statusCode(200)
                .body("objections.id", hasItem(late)).body("objections.id", not(hasItem(referred)))
                .body("objections.find { it.id == " + late + " }.overdue", equalTo(true));
        assertProblem(as(Tokens.center()).queryParam("overdue", "maybe").get("/api/v1/objections").then(),
                400, "INVALID_REQUEST");
        asAgency(review.consumer()).get("/api/v1/objections/" + late).then().statusCode(200);
        assertProblem(asAgency(check.consumer()).get("/api/v1/objections/" + late).then(), 404, "NOT_FOUND");
        asAgency(review.consumer()).get("/api/v1/objections").then()
                .body("objections.id", equalTo(List.of(late)));
    }

    private static void sql(String statement, Object... parameters) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
