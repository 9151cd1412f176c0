package org.cityplatform.exchange.assessment;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.AuditShipped;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Art. 34: the figures of every agency, on a fixture whose answers are known. */
@QuarkusTest
class AssessmentTest {

    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @Test
    void theAssessmentCountsProvisionTimelinessUseObjectionsAndApplications_Art34() {
        String provider = Platform.registerSignedAgency("考核提供方");
        String reader = Platform.registerSignedAgency("考核读者甲");
        String other = Platform.registerSignedAgency("考核读者乙");
        String daily = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String neverPushed = TestCodes.datasetCode("monthly");
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", neverPushed, "name", "从未更新",
                        "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL", "updateCycle", "MONTHLY",
                        "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        String[] keys = {TestKeys.person(8301), TestKeys.person(8302), TestKeys.person(8303)};
        StringBuilder items = new StringBuilder();
        for (String key : keys) {
            items.append(Platform.person(key, "考核", "某地"));
        }
        Platform.push(provider, daily, items.toString());
        Platform.push(provider, daily, Platform.person(keys[0], "考核改", "某地")); // a change, not a new record

        String record = "/api/v1/datasets/" + daily + "/records/";
        asAgency(reader).get(record + keys[0]).then().statusCode(200);
        asAgency(reader).get(record + keys[1]).then().statusCode(200);
        asAgency(other).get(record + keys[2]).then().statusCode(200);
        asAgency(other).get("/api/v1/datasets/" + daily + "/export").then().statusCode(200);
        asAgency(provider).get(record + keys[0]).then().statusCode(200); // its own reads are not use by others
        asAgency(reader).get(record + TestKeys.person(8309)).then().statusCode(404); // nothing served

        asAgency(reader).contentType(ContentType.JSON)
                .body(Map.of("dataset", daily, "key", keys[0], "kind", "ERROR", "description", "姓名有误"))
                .post("/api/v1/objections").then().statusCode(201);
        long application = ((Number) asAgency(reader).contentType(ContentType.JSON)
                .body(Map.of("dataset", conditional, "purpose", "考核", "fields", List.of("name"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusYears(1).toString(), "confidentiality",
                        Map.of("acknowledgedBy", "考核办", "persons", List.of("考核员"))))
                .post("/api/v1/applications").then().statusCode(201).extract().path("id")).longValue();
        as(Tokens.center()).post("/api/v1/applications/" + application + "/approve").then().statusCode(200);

        // Reads are counted from the audit trail, which PostgreSQL has once the journal is shipped;
        // an export's closing event is journaled after its last byte, so it may follow the answer.
        JsonPath all = null;
        Map<String, Object> figures = null;
        for (long deadline = System.currentTimeMillis() + 10_000; figures == null
                || !Integer.valueOf(4).equals(figures.get("readsByOthers")) && System.currentTimeMillis() < deadline; ) {
            AuditShipped.await();
            all = as(Tokens.center()).queryParam("from", TODAY).queryParam("to", TODAY)
                    .get("/api/v1/assessment").then().statusCode(200).extract().jsonPath();
            figures = all.getMap("agencies.find { it.agency == '" + provider + "' }");
        }
        Assertions.assertEquals(3, figures.get("datasets"));
        Assertions.assertEquals(3, figures.get("recordsProvided"));
        Assertions.assertEquals(3, figures.get("recordsChanged"), "three records changed today (one twice)");
        Assertions.assertEquals(1, figures.get("timelyDatasets"), "the daily dataset changed today");
        Assertions.assertEquals(2, figures.get("overdueDatasets"), "never provided: not timely");
        Assertions.assertEquals(4, figures.get("readsByOthers"), "three lookups and one export by others");
        Assertions.assertEquals(2, figures.get("consumers"));
        Assertions.assertEquals(1, figures.get("objectionsReceived"));
        Assertions.assertEquals(0, figures.get("objectionsOverdue"));
        Assertions.assertEquals(1, figures.get("applicationsAnswered"));
        Assertions.assertEquals(1, figures.get("applicationsAnsweredOnTime"));
        Assertions.assertEquals(0, figures.get("consultationsOverdue"));

        // An agency sees itself only.
        asAgency(reader).get("/api/v1/assessment").then().statusCode(200)
                .body("agencies", hasSize(1)).body("agencies[0].agency", equalTo(reader));
        assertProblem(as(Tokens.ops()).get("/api/v1/assessment").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).queryParam("from", "2026-13-01").get("/api/v1/assessment").then(),
                400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).queryParam("from", TODAY).queryParam("to", "2020-01-01")
                .get("/api/v1/assessment").then(), 400, "INVALID_REQUEST");
    }
}
