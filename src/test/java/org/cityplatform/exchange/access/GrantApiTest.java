package org.cityplatform.exchange.access;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Access": grants by designation (Art. 19), their listing and their revocation. */
@QuarkusTest
class GrantApiTest {

    @Test
    void theCenterDesignatesASpecialConsumerAndRevokesIt_Art19() {
        String provider = Platform.registerSignedAgency("市公安局刑侦");
        String consumer = Platform.registerSignedAgency("市检察院");
        String dataset = Platform.registerPersonDataset(provider, "SPECIAL");
        String key = TestKeys.person(31);
        Platform.push(provider, dataset, Platform.person(key, "嫌疑人", "某路1号"));
        String record = "/api/v1/datasets/" + dataset + "/records/" + key;
        assertProblem(asAgency(consumer).get(record).then(), 403, "NO_GRANT");

        int id = as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"),
                        "purpose", "依法办案", "use", "DUTY", "validUntil", LocalDate.now().plusMonths(6).toString()))
                .post("/api/v1/grants").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("consumer", equalTo(consumer)).body("application", nullValue())
                .extract().path("id");
        asAgency(consumer).get(record).then().statusCode(200).body("data.name", equalTo("嫌疑人"))
                .body("data.address", nullValue());
        asAgency(consumer).get("/api/v1/grants").then().body("grants.id", hasItem(id));
        asAgency(provider).queryParam("dataset", dataset).get("/api/v1/grants").then().body("grants.id", hasItem(id));
        asAgency(consumer).get("/api/v1/notifications").then().body("notifications.kind", hasItem("GRANT_CHANGED"));

        as(Tokens.center()).delete("/api/v1/grants/" + id).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revokedAt", notNullValue());
        assertProblem(asAgency(consumer).get(record).then(), 403, "NO_GRANT")
                .body("detail", org.hamcrest.Matchers.containsString("revoked"));
        as(Tokens.center()).delete("/api/v1/grants/" + id).then().statusCode(200);
    }

    @Test
    void art19_aDesignationNamesItsScopesAndTheGrantAllowsNoOtherRead() {
        String provider = Platform.registerSignedAgency("市公安局户政");
        String consumer = Platform.registerSignedAgency("市统计局");
        String dataset = Platform.registerPersonDataset(provider, "SPECIAL");
        String key = TestKeys.person(32);
        Platform.push(provider, dataset, Platform.person(key, "统计对象", "某路2号"));
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "人口统计",
                        "use", "DUTY", "validUntil", LocalDate.now().plusMonths(6).toString(),
                        "scopes", List.of("EXPORT"), "confidentiality",
                        Map.of("acknowledgedBy", "统计局局长", "persons", List.of("人口处"))))
                .post("/api/v1/grants").then().statusCode(201)
                .body("scopes", equalTo(List.of("EXPORT")))
                .body("confidentiality.persons", equalTo(List.of("人口处")));
        String ndjson = asAgency(consumer).get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(ndjson.contains("统计对象") && !ndjson.contains("某路"), ndjson);
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/records/" + key).then(),
                403, "SCOPE_NOT_GRANTED");
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then(),
                403, "SCOPE_NOT_GRANTED");

        // Without scopes a designation allows lookups only.
        String other = Platform.registerSignedAgency("市审计局");
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", other, "dataset", dataset, "fields", List.of("name"), "purpose", "审计核查",
                        "use", "DUTY", "validUntil", LocalDate.now().plusMonths(6).toString()))
                .post("/api/v1/grants").then().statusCode(201).body("scopes", equalTo(List.of("LOOKUP")))
                .body("confidentiality", nullValue());
        asAgency(other).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);
        assertProblem(asAgency(other).get("/api/v1/datasets/" + dataset + "/export").then(), 403, "SCOPE_NOT_GRANTED");
    }

    @Test
    void designationsAreCheckedAndOnlyTheCenterMakesThem() {
        String provider = Platform.registerSignedAgency("市税务局征管");
        String consumer = Platform.registerSignedAgency("市社保中心");
        String dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        Map<String, Object> body = Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("income"),
                "purpose", "x", "use", "DUTY", "validUntil", LocalDate.now().plusDays(1).toString());
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body).post("/api/v1/grants").then(),
                400, "UNKNOWN_FIELD");
        assertProblem(asAgency(provider).contentType(ContentType.JSON).body(body).post("/api/v1/grants").then(),
                403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).delete("/api/v1/grants/987654321").then(), 404, "NOT_FOUND");
        assertProblem(asAgency(provider).delete("/api/v1/grants/1").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void aGrantRunsAtMostFiveYearsAndNeverFromThePast() {
        String provider = Platform.registerSignedAgency("市民政局婚登");
        String consumer = Platform.registerSignedAgency("市法院执行局");
        String dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.util.function.Function<String, io.restassured.response.ValidatableResponse> designate = until ->
                as(Tokens.center()).contentType(ContentType.JSON)
                        .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"),
                                "purpose", "执行查控", "use", "DUTY", "validUntil", until))
                        .post("/api/v1/grants").then();
        java.util.function.Function<String, io.restassured.response.ValidatableResponse> apply = until ->
                asAgency(consumer).contentType(ContentType.JSON)
                        .body(Map.of("dataset", dataset, "fields", List.of("name"), "purpose", "执行查控",
                                "use", "DUTY", "validUntil", until, "confidentiality",
                                Map.of("acknowledgedBy", "执行局局长", "persons", List.of("执行法官"))))
                        .post("/api/v1/applications").then();

        for (String until : List.of("+999999-01-01", today.plusYears(5).plusDays(1).toString(),
                today.minusDays(1).toString())) {
            assertProblem(designate.apply(until), 400, "INVALID_REQUEST").body("detail",
                    org.hamcrest.Matchers.containsString("validUntil"));
            assertProblem(apply.apply(until), 400, "INVALID_REQUEST").body("detail",
                    org.hamcrest.Matchers.containsString("validUntil"));
        }
        designate.apply(today.plusYears(5).toString()).statusCode(201);
        apply.apply(today.plusYears(5).toString()).statusCode(201);
    }
}
