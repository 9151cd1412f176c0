package org.cityplatform.exchange.catalog;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.AuditShipped;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Art. 28 through HTTP: a provider that cannot update a dataset on time says why and by when; the
 * center is told, the dataset shows the report until its date passes or the provider pushes again,
 * and the assessment counts the dataset as excused rather than late.
 */
@QuarkusTest
class DelayReportApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static Map<String, Object> report(String reason, Object expectedBy) {
        Map<String, Object> body = new HashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        if (expectedBy != null) {
            body.put("expectedBy", expectedBy.toString());
        }
        return body;
    }

    private static io.restassured.response.ValidatableResponse file(String provider, String dataset,
                                                                    Map<String, Object> body) {
        return asAgency(provider).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + dataset + "/delays").then();
    }

    @Test
    void art28_theProviderReportsADelayAndAnyoneWhoSeesTheDatasetListsItsReportsNewestFirst() {
        String provider = Platform.registerSignedAgency("市住建局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        file(provider, dataset, report("系统升级，暂停推送", TODAY.plusDays(3))).statusCode(201)
                .body("id", notNullValue())
                .body("dataset", equalTo(dataset))
                .body("reason", equalTo("系统升级，暂停推送"))
                .body("expectedBy", equalTo(TODAY.plusDays(3).toString()))
                .body("filedAt", notNullValue())
                .body("filedBy", equalTo("system-" + provider));
        file(provider, dataset, report("  数据核对延期  ", TODAY.plusDays(10))).statusCode(201)
                .body("reason", equalTo("数据核对延期"));

        String reader = Platform.registerSignedAgency("市档案馆");
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/delays").then().statusCode(200)
                .body("delays.reason", equalTo(List.of("数据核对延期", "系统升级，暂停推送")))
                .body("delays[0].expectedBy", equalTo(TODAY.plusDays(10).toString()));
        as(Tokens.center()).queryParam("limit", 1).get("/api/v1/datasets/" + dataset + "/delays").then()
                .statusCode(200).body("delays.size()", equalTo(1));
        assertProblem(asAgency(reader).get("/api/v1/datasets/no-such-" + dataset + "/delays").then(), 404, "NOT_FOUND");
    }

    @Test
    void art28_theDatasetShowsItsOpenReportUntilTheProvidersNextPush() {
        String provider = Platform.registerSignedAgency("市人社局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(TestKeys.person(8401), "钱七", "旧址"));
        String reader = Platform.registerSignedAgency("市税务局");
        asAgency(reader).get("/api/v1/datasets/" + dataset).then().statusCode(200).body("delay", nullValue());

        file(provider, dataset, report("机房搬迁", TODAY.plusDays(5))).statusCode(201);
        asAgency(reader).get("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("delay.reason", equalTo("机房搬迁"))
                .body("delay.expectedBy", equalTo(TODAY.plusDays(5).toString()))
                .body("delay.filedAt", notNullValue());
        asAgency(reader).queryParam("provider", provider).get("/api/v1/datasets").then().statusCode(200)
                .body("datasets.find { it.code == '" + dataset + "' }.delay.reason", equalTo("机房搬迁"));

        // A push that changes nothing is no update; one that changes a record ends the report.
        Platform.push(provider, dataset, Platform.person(TestKeys.person(8401), "钱七", "旧址"));
        asAgency(reader).get("/api/v1/datasets/" + dataset).then().body("delay.reason", equalTo("机房搬迁"));
        Platform.push(provider, dataset, Platform.person(TestKeys.person(8401), "钱七", "新址"));
        asAgency(reader).get("/api/v1/datasets/" + dataset).then().statusCode(200).body("delay", nullValue());
        asAgency(reader).queryParam("provider", provider).get("/api/v1/datasets").then()
                .body("datasets.find { it.code == '" + dataset + "' }.delay", nullValue());
        // The report stays on record.
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/delays").then().body("delays.size()", equalTo(1));
    }

    @Test
    void art28_theDatasetShowsItsOpenReportUntilExpectedByHasPassed() {
        String provider = Platform.registerSignedAgency("市城管局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        long id = ((Number) file(provider, dataset, report("接口改造", TODAY)).statusCode(201)
                .extract().path("id")).longValue();
        asAgency(provider).get("/api/v1/datasets/" + dataset).then().body("delay.expectedBy", equalTo(TODAY.toString()));

        sql("UPDATE delay_reports SET expected_by = ? WHERE id = ?", TODAY.minusDays(1), id); // a day goes by
        asAgency(provider).get("/api/v1/datasets/" + dataset).then().statusCode(200).body("delay", nullValue());
    }

    @Test
    void art28_expectedByIsADateFromTodayToAYearAhead() {
        String provider = Platform.registerSignedAgency("市园林局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        assertProblem(file(provider, dataset, report("迟延", TODAY.minusDays(1))), 400, "INVALID_REQUEST")
                .body("detail", containsString("expectedBy"));
        assertProblem(file(provider, dataset, report("迟延", TODAY.plusYears(1).plusDays(1))), 400, "INVALID_REQUEST")
                .body("detail", containsString("expectedBy"));
        assertProblem(file(provider, dataset, report("迟延", null)), 400, "INVALID_REQUEST")
                .body("detail", containsString("expectedBy"));
        assertProblem(file(provider, dataset, report("迟延", "next week")), 400, "INVALID_REQUEST");
        assertProblem(file(provider, dataset, report("长".repeat(2001), TODAY)), 400, "INVALID_REQUEST")
                .body("detail", containsString("reason"));
        file(provider, dataset, report("迟延", TODAY.plusYears(1))).statusCode(201);
    }

    @Test
    void art28_aDelayReportSaysWhy() {
        String provider = Platform.registerSignedAgency("市水文站");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        assertProblem(file(provider, dataset, report(null, TODAY.plusDays(1))), 400, "REASON_REQUIRED");
        assertProblem(file(provider, dataset, report("   ", TODAY.plusDays(1))), 400, "REASON_REQUIRED");
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/delays").then().body("delays.size()", equalTo(0));
    }

    @Test
    void art28_onlyTheProviderReportsADelayOfItsActiveDataset() {
        String provider = Platform.registerSignedAgency("市气象局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String other = Platform.registerSignedAgency("市海事局");
        Map<String, Object> body = report("无法按时更新", TODAY.plusDays(2));
        assertProblem(file(other, dataset, body), 403, "NOT_PROVIDER");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + dataset + "/delays").then(), 403, "NOT_PROVIDER");
        assertProblem(as(Tokens.ops()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + dataset + "/delays").then(), 403, "FORBIDDEN_ROLE");

        // A dataset waiting for classification owes no update yet, and others do not see it.
        String pending = TestCodes.datasetCode("pending");
        asAgency(provider).contentType(ContentType.JSON).body(Map.of("code", pending, "name", "待分类",
                        "provider", provider, "subjectType", "PERSON", "updateCycle", "DAILY",
                        "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        assertProblem(file(provider, pending, body), 409, "DATASET_NOT_ACTIVE");
        assertProblem(file(other, pending, body), 404, "NOT_FOUND");
        assertProblem(asAgency(other).get("/api/v1/datasets/" + pending + "/delays").then(), 404, "NOT_FOUND");
    }

    @Test
    void art28_theCenterIsNotifiedAndTheReportIsAnAuditEventOfTheDataset() {
        String provider = Platform.registerSignedAgency("市交通执法");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        file(provider, dataset, report("上游系统故障", TODAY.plusDays(4))).statusCode(201);

        as(Tokens.center()).queryParam("limit", 1000).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.find { it.subject == 'dataset " + dataset + "' }.kind", equalTo("DELAY_REPORTED"))
                .body("notifications.find { it.subject == 'dataset " + dataset + "' }.message",
                        containsString("上游系统故障"));
        AuditShipped.await();
        as(Tokens.center()).queryParam("dataset", dataset).queryParam("action", "CATALOG").get("/api/v1/audit")
                .then().statusCode(200)
                .body("events.agency", hasItem(provider))
                .body("events.outcome", hasItem("OK"));
    }

    @Test
    void art28_theAssessmentCountsALateDatasetUnderAReportFiledInThePeriodAsExcused() {
        String provider = Platform.registerSignedAgency("市公积金中心");
        String excused = neverPushed(provider);
        neverPushed(provider); // late, and says nothing
        String lapsed = neverPushed(provider);
        file(provider, excused, report("新系统上线前暂停", TODAY.plusDays(7))).statusCode(201);
        long id = ((Number) file(provider, lapsed, report("迟延", TODAY)).statusCode(201).extract().path("id")).longValue();
        sql("UPDATE delay_reports SET expected_by = ? WHERE id = ?", TODAY.minusDays(1), id); // its date passed

        Map<String, Object> today = figures(provider, TODAY, TODAY);
        Assertions.assertEquals(3, today.get("datasets"));
        Assertions.assertEquals(0, today.get("timelyDatasets"));
        Assertions.assertEquals(1, today.get("excusedDatasets"), "late, with an open report filed in the period");
        Assertions.assertEquals(2, today.get("overdueDatasets"), "no report, or one whose date has passed");

        // A report filed after the period ended excuses nothing in it.
        Map<String, Object> yesterday = figures(provider, TODAY.minusDays(1), TODAY.minusDays(1));
        Assertions.assertEquals(0, yesterday.get("excusedDatasets"));
        Assertions.assertEquals(3, yesterday.get("overdueDatasets"));
    }

    private static String neverPushed(String provider) {
        String code = TestCodes.datasetCode("monthly");
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", code, "name", "月报 " + code,
                        "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL",
                        "updateCycle", "MONTHLY", "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        return code;
    }

    private static Map<String, Object> figures(String agency, LocalDate from, LocalDate to) {
        return as(Tokens.center()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/assessment").then().statusCode(200).extract().jsonPath()
                .getMap("agencies.find { it.agency == '" + agency + "' }");
    }

    /** Moves a report's date as the passing days would; the API never lets a date be in the past. */
    private static void sql(String statement, LocalDate date, long id) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, date);
            s.setLong(2, id);
            Assertions.assertEquals(1, s.executeUpdate());
        } catch (Exception e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
