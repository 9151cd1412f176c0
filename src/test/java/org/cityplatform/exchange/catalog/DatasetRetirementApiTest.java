package org.cityplatform.exchange.catalog;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.support.AuditShipped;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md, "Retiring a dataset": POST /api/v1/datasets/{code}/retire by the provider or the
 * center (Art. 3, 33). RETIRING until its day, read and pushed as before; RETIRED from then on:
 * reads 410 DATASET_RETIRED, pushes 409 DATASET_NOT_ACTIVE, grants ended, the entry kept.
 */
@QuarkusTest
class DatasetRetirementApiTest {

    @Inject
    DueRetirements job;

    private String provider;
    private String consumer;
    private String dataset;
    private String key;
    private long grant;

    @BeforeEach
    void aDatasetWithARecordAndAGrantHolder() {
        provider = Platform.registerSignedAgency("市公安局");
        consumer = Platform.registerSignedAgency("市民政局");
        dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        key = TestKeys.person(System.nanoTime() % 100_000);
        Platform.push(provider, dataset, Platform.person(key, "王芳", "武康路2号"));
        grant = ((Number) given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "低保核验",
                        "use", "DUTY", "validUntil", today().plusDays(60).toString(),
                        "scopes", List.of("LOOKUP", "SYNC")))
                .post("/api/v1/grants").then().statusCode(201).extract().path("id")).longValue();
    }

    private static LocalDate today() {
        return CityDays.today(Clock.systemUTC());
    }

    private static ValidatableResponse retire(String token, String code, Object reason, Object effectiveOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        body.put("effectiveOn", effectiveOn);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + code + "/retire").then();
    }

    private ValidatableResponse lookup(String agency) {
        return asAgency(agency).get("/api/v1/datasets/" + dataset + "/records/" + key).then();
    }

    @Test
    void art33_theProviderRetiresFromAFutureDayAndTheDatasetWorksAsBeforeUntilThen() {
        LocalDate day = today().plusDays(30);
        retire(Tokens.agency(provider), dataset, "并入人口综合库", day.toString()).statusCode(200)
                .body("status", equalTo("RETIRING"))
                .body("retirement.reason", equalTo("并入人口综合库"))
                .body("retirement.effectiveOn", equalTo(day.toString()))
                .body("retirement.requestedAt", notNullValue())
                .body("retirement.requestedBy", notNullValue());

        // Consumers migrate meanwhile: reads and pushes as before.
        lookup(consumer).statusCode(200).body("data.name", equalTo("王芳"));
        asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200);
        Platform.push(provider, dataset, Platform.person(TestKeys.person(7), "李娜", "长宁路1号"));

        // The grant holder is told ahead; the provider, who asked, is not.
        asAgency(consumer).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.kind", hasItem("DATASET_RETIRING"))
                .body("notifications.message", hasItem(containsString(day.toString())));
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.kind", not(hasItem("DATASET_RETIRING")));
        // Everyone sees it in the catalog with its status.
        String stranger = Platform.registerSignedAgency("市税务局");
        asAgency(stranger).get("/api/v1/datasets/" + dataset).then().statusCode(200).body("status", equalTo("RETIRING"));
        asAgency(stranger).queryParam("provider", provider).get("/api/v1/datasets").then().statusCode(200)
                .body("datasets.find { it.code == '" + dataset + "' }.status", equalTo("RETIRING"));
        // A dataset retired once is not retired again.
        assertProblem(retire(Tokens.center(), dataset, "再次", day.toString()), 409, "INVALID_STATE");
    }

    @Test
    void art33_theCenterRetiresADatasetAndItsProviderAndItsRecentReadersAreTold() {
        // An agency that read it lately without a grant of its own (UNCONDITIONAL, Art. 17) hears it too.
        String open = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String openKey = TestKeys.person(11);
        Platform.push(provider, open, Platform.person(openKey, "张伟", "北京路1号"));
        String reader = Platform.registerSignedAgency("市人社局");
        asAgency(reader).get("/api/v1/datasets/" + open + "/records/" + openKey).then().statusCode(200);
        AuditShipped.await();

        retire(Tokens.center(), open, "数据源已停止采集", today().plusDays(10).toString()).statusCode(200)
                .body("status", equalTo("RETIRING")).body("retirement.requestedBy", equalTo("center-staff"));
        for (String told : List.of(provider, reader)) {
            asAgency(told).get("/api/v1/notifications").then()
                    .body("notifications.kind", hasItem("DATASET_RETIRING"))
                    .body("notifications.message", hasItem(containsString("数据源已停止采集")));
        }
    }

    @Test
    void art33_aRetirementSaysWhyAndFromAnAllowedDay() {
        assertProblem(retire(Tokens.agency(provider), dataset, "  ", today().plusDays(1).toString()), 400,
                "REASON_REQUIRED");
        assertProblem(retire(Tokens.agency(provider), dataset, null, today().plusDays(1).toString()), 400,
                "REASON_REQUIRED");
        assertProblem(retire(Tokens.agency(provider), dataset, "合并", null), 400, "INVALID_REQUEST");
        assertProblem(retire(Tokens.agency(provider), dataset, "合并", "next week"), 400, "INVALID_REQUEST");
        assertProblem(retire(Tokens.agency(provider), dataset, "合并", today().minusDays(1).toString()), 400,
                "INVALID_REQUEST").body("detail", containsString("effectiveOn"));
        assertProblem(retire(Tokens.agency(provider), dataset, "合并", today().plusYears(3).toString()), 400,
                "INVALID_REQUEST");
        asAgency(provider).get("/api/v1/datasets/" + dataset).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void art33_onlyTheProviderOrTheCenterRetiresADataset() {
        assertProblem(retire(Tokens.agency(consumer), dataset, "不再需要", today().toString()), 403, "NOT_PROVIDER");
        assertProblem(retire(Tokens.agency(provider), "no-such-dataset", "不再需要", today().toString()), 404,
                "NOT_FOUND");
        lookup(consumer).statusCode(200);
    }

    @Test
    void art33_onItsDayARetiredDatasetIsReadByNoOneTakesNoPushesAndItsGrantsEnd() {
        retire(Tokens.agency(provider), dataset, "并入人口综合库", today().toString()).statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("retirement.retiredAt", notNullValue());

        assertProblem(lookup(consumer), 410, "DATASET_RETIRED");
        assertProblem(lookup(provider), 410, "DATASET_RETIRED");
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then(), 410, "DATASET_RETIRED");
        assertProblem(asAgency(provider).accept("application/x-ndjson").get("/api/v1/datasets/" + dataset + "/export")
                .then(), 410, "DATASET_RETIRED");
        assertProblem(asAgency(provider).contentType("application/x-ndjson")
                .body(Platform.person(TestKeys.person(8), "李娜", "长宁路1号"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 409, "DATASET_NOT_ACTIVE");
        // A subject lookup reads across the datasets in force: this one is left out.
        asAgency(consumer).get("/api/v1/subjects/" + key).then().statusCode(200)
                .body("records.dataset", not(hasItem(dataset)));

        // Its grants end, by the system, with the reason; the holder is told.
        given().auth().oauth2(Tokens.center()).queryParam("dataset", dataset).get("/api/v1/grants").then()
                .statusCode(200)
                .body("grants.find { it.id == " + grant + " }.status", equalTo("REVOKED"))
                .body("grants.find { it.id == " + grant + " }.revokedReason", containsString("并入人口综合库"));
        asAgency(consumer).get("/api/v1/notifications").then()
                .body("notifications.subject", hasItem("grant " + grant))
                .body("notifications.message", hasItem(containsString("retired")));
        asAgency(provider).get("/api/v1/notifications").then().body("notifications.kind", hasItem("DATASET_RETIRED"));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "低保核验",
                        "use", "DUTY", "validUntil", today().plusDays(60).toString()))
                .post("/api/v1/grants").then(), 409, "DATASET_NOT_ACTIVE");

        // The catalog keeps the entry, for everyone, with its versions.
        String stranger = Platform.registerSignedAgency("市税务局");
        asAgency(stranger).get("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("status", equalTo("RETIRED")).body("retirement.reason", equalTo("并入人口综合库"));
        asAgency(stranger).queryParam("provider", provider).get("/api/v1/datasets").then()
                .body("datasets.find { it.code == '" + dataset + "' }.status", equalTo("RETIRED"));
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/versions").then().statusCode(200)
                .body("versions[-1].changes", hasItem("registered"));
        assertProblem(retire(Tokens.center(), dataset, "再次", today().toString()), 409, "INVALID_STATE");
        // A retired dataset keeps its class: no classification brings it back.
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "SPECIAL", "legalBasis", "《居民身份证法》"))
                .put("/api/v1/datasets/" + dataset + "/classification").then(), 409, "INVALID_STATE");
        asAgency(provider).get("/api/v1/datasets/" + dataset).then().body("status", equalTo("RETIRED"));
    }

    @Test
    void art33_theScheduledJobRetiresADatasetWhoseDayHasCome() throws Throwable {
        LocalDate tomorrow = today().plusDays(1);
        retire(Tokens.agency(provider), dataset, "改由新系统提供", tomorrow.toString()).statusCode(200)
                .body("status", equalTo("RETIRING"));

        List<String> retired = VertxContextSupport.subscribeAndAwait(() -> job.retireOn(tomorrow));

        org.junit.jupiter.api.Assertions.assertTrue(retired.contains(dataset), () -> "retired: " + retired);
        asAgency(consumer).get("/api/v1/datasets/" + dataset).then().body("status", equalTo("RETIRED"));
        given().auth().oauth2(Tokens.center()).queryParam("dataset", dataset).get("/api/v1/grants").then()
                .body("grants.find { it.id == " + grant + " }.status", equalTo("REVOKED"));
        asAgency(consumer).get("/api/v1/notifications").then()
                .body("notifications.kind", hasItem("DATASET_RETIRING"))
                .body("notifications.subject", hasItem("grant " + grant));
        // The request and the job's change are each a CATALOG event naming the dataset.
        given().auth().oauth2(Tokens.center()).queryParam("dataset", dataset).queryParam("action", "CATALOG")
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.sub", hasItem("system"))
                .body("events.size()", equalTo(2));
    }

    @Test
    void art12_theDataElementsOfARetiredDatasetAreFreeForAnotherProvider() {
        String element = "person.address." + TestCodes.creditCode();
        String source = register(provider, element);
        String other = Platform.registerSignedAgency("市住建局");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(dataset(other, element))
                .post("/api/v1/datasets").then().statusCode(409);

        retire(Tokens.agency(provider), source, "地址改由住建局提供", today().toString()).statusCode(200);

        register(other, element);
    }

    @Test
    void art12_anElementStaysWithItsProviderWhileAnotherOfItsDatasetsDeclaresIt() {
        String element = "person.address." + TestCodes.creditCode();
        String first = register(provider, element);
        register(provider, element);

        retire(Tokens.agency(provider), first, "合并", today().toString()).statusCode(200);

        String other = Platform.registerSignedAgency("市住建局");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(dataset(other, element))
                .post("/api/v1/datasets").then(), 409, "DUPLICATE_SOURCE");
    }

    private static Map<String, Object> dataset(String provider, String element) {
        String code = TestCodes.datasetCode("addresses");
        return Map.of("code", code, "name", "地址 " + code, "provider", provider, "subjectType", "PERSON",
                "sharingClass", "CONDITIONAL", "updateCycle", "DAILY",
                "fields", List.of(Map.of("name", "address", "type", "STRING", "element", element)));
    }

    private static String register(String provider, String element) {
        Map<String, Object> body = dataset(provider, element);
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets").then().statusCode(201);
        return (String) body.get("code");
    }
}
