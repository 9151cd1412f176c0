package org.cityplatform.exchange.access;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Access": applying for data, through every step and every refusal (Art. 4(3), 17, 18, 19, 24). */
@QuarkusTest
class ApplicationWorkflowTest {

    private String provider;
    private String consumer;
    private final String key = TestKeys.person(7);

    @BeforeEach
    void aProviderAndAConsumer() {
        provider = Platform.registerSignedAgency("市卫健委");
        consumer = Platform.registerSignedAgency("市民政局");
    }

    private String dataset(String sharingClass) {
        String code = Platform.registerPersonDataset(provider, sharingClass);
        Platform.push(provider, code, Platform.person(key, "病人甲", "幸福路8号"));
        return code;
    }

    private long apply(String dataset, String use, List<String> fields) {
        return ((Number) asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "低保资格核验", "fields", fields, "use", use,
                        "validUntil", LocalDate.now().plusYears(1).toString()))
                .post("/api/v1/applications").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("id", notNullValue())
                .extract().path("id")).longValue();
    }

    private io.restassured.response.ValidatableResponse step(String token, long id, String step, Object body) {
        var request = as(token).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.post("/api/v1/applications/" + id + "/" + step).then();
    }

    private io.restassured.response.ValidatableResponse read(String dataset) {
        return asAgency(consumer).get("/api/v1/datasets/" + dataset + "/records/" + key).then();
    }

    @Test
    void conditionalData_approvedByTheCenter_isReadOnlyInTheGrantedFields_Art18And24() {
        String dataset = dataset("CONDITIONAL");
        assertProblem(read(dataset), 403, "NO_GRANT");
        long id = apply(dataset, "DUTY", List.of("name"));

        step(Tokens.center(), id, "approve", null).statusCode(200)
                .body("status", equalTo("APPROVED")).body("grant", notNullValue());
        read(dataset).statusCode(200).body("data.name", equalTo("病人甲")).body("data.address", nullValue());
        asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200)
                .body("changes[0].data.name", equalTo("病人甲")).body("changes[0].data.address", nullValue());
        String ndjson = asAgency(consumer).get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200)
                .extract().asString();
        assertTrue(ndjson.contains("病人甲") && !ndjson.contains("幸福路"), ndjson);
        String csv = asAgency(consumer).accept("text/csv").get("/api/v1/datasets/" + dataset + "/export").then()
                .statusCode(200).extract().asString();
        assertTrue(csv.startsWith("key,name\r\n") && !csv.contains("幸福路"), csv);

        asAgency(provider).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.kind", hasItem("APPLICATION_DECIDED"));
        // The provider still reads its own data whole.
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + key).then()
                .body("data.address", equalTo("幸福路8号"));
    }

    @Test
    void conditionalData_theConsultedProviderRefusesOnlyWithAWrittenReason_Art18() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name", "address"));
        step(Tokens.center(), id, "consult", null).statusCode(200).body("status", equalTo("CONSULTING"));
        asAgency(provider).get("/api/v1/notifications").then().body("notifications.kind", hasItem("CONSULTATION_REQUESTED"));

        assertProblem(step(Tokens.center(), id, "approve", null), 409, "INVALID_STATE");
        assertProblem(step(Tokens.agency(consumer), id, "provider-decision", Map.of("approve", true)), 403, "NOT_PROVIDER");
        assertProblem(step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", false, "reason", "  ")),
                400, "REASON_REQUIRED");
        step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", false, "reason", "涉及个人隐私，用途不明确"))
                .statusCode(200).body("status", equalTo("REFUSED")).body("reason", equalTo("涉及个人隐私，用途不明确"));
        asAgency(consumer).get("/api/v1/notifications").then().body("notifications.message",
                hasItem(org.hamcrest.Matchers.containsString("涉及个人隐私")));
        assertProblem(read(dataset), 403, "NO_GRANT");
        assertProblem(step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", true)), 409, "INVALID_STATE");

        as(Tokens.center()).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("steps.to", equalTo(List.of("SUBMITTED", "CONSULTING", "REFUSED")))
                .body("steps[2].by", equalTo("system-" + provider))
                .body("steps[2].at", notNullValue());
    }

    @Test
    void conditionalData_theConsultedProviderMayApprove() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name", "address"));
        step(Tokens.center(), id, "consult", null).statusCode(200);
        step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", true)).statusCode(200)
                .body("status", equalTo("APPROVED"));
        read(dataset).statusCode(200).body("data.address", equalTo("幸福路8号"));
    }

    @Test
    void specialData_isApprovedOrRefusedByTheCenterItself_Art19() {
        String dataset = dataset("SPECIAL");
        long refused = apply(dataset, "DUTY", List.of("name"));
        assertProblem(step(Tokens.center(), refused, "consult", null), 409, "INVALID_STATE");
        assertProblem(step(Tokens.center(), refused, "refuse", Map.of()), 400, "REASON_REQUIRED");
        step(Tokens.center(), refused, "refuse", Map.of("reason", "无法定依据")).statusCode(200)
                .body("status", equalTo("REFUSED"));
        assertProblem(step(Tokens.center(), refused, "approve", null), 409, "INVALID_STATE");

        long approved = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), approved, "approve", null).statusCode(200);
        read(dataset).statusCode(200).body("data.name", equalTo("病人甲"));
    }

    @Test
    void theCenterRefusesOnlySpecialData() {
        long id = apply(dataset("CONDITIONAL"), "DUTY", List.of("name"));
        assertProblem(step(Tokens.center(), id, "refuse", Map.of("reason", "x")), 409, "INVALID_STATE");
    }

    @Test
    void unconditionalData_needsAnApplicationOnlyForDevelopment_Art4And17() {
        String dataset = dataset("UNCONDITIONAL");
        assertProblem(asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "x", "fields", List.of("name"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusDays(30).toString()))
                .post("/api/v1/applications").then(), 409, "NOT_NEEDED");
        read(dataset).statusCode(200);
        assertProblem(asAgency(consumer).header("X-Data-Use", "DEVELOPMENT")
                .get("/api/v1/datasets/" + dataset + "/records/" + key).then(), 403, "NO_GRANT");

        long id = apply(dataset, "DEVELOPMENT", List.of("name", "birthDate"));
        step(Tokens.center(), id, "approve", null).statusCode(200);
        asAgency(consumer).header("X-Data-Use", "DEVELOPMENT").get("/api/v1/datasets/" + dataset + "/records/" + key)
                .then().statusCode(200).body("data.name", equalTo("病人甲")).body("data.address", nullValue());
    }

    @Test
    void applicationsNameOnlyFieldsTheDatasetHas() {
        String dataset = dataset("CONDITIONAL");
        assertProblem(asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "x", "fields", List.of("name", "salary"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusDays(30).toString()))
                .post("/api/v1/applications").then(), 400, "UNKNOWN_FIELD")
                .body("detail", org.hamcrest.Matchers.containsString("salary"));
        assertProblem(asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "x", "fields", List.of("name"), "use", "FOREVER",
                        "validUntil", LocalDate.now().plusDays(30).toString()))
                .post("/api/v1/applications").then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "x", "fields", List.of("name"), "use", "DUTY",
                        "validUntil", LocalDate.now().minusDays(1).toString()))
                .post("/api/v1/applications").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void onlyTheCenterDecidesAndEveryoneSeesOnlyTheirOwnApplications() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        assertProblem(step(Tokens.agency(consumer), id, "approve", null), 403, "FORBIDDEN_ROLE");
        assertProblem(step(Tokens.agency(provider), id, "consult", null), 403, "FORBIDDEN_ROLE");
        assertProblem(step(Tokens.center(), 999_999_999L, "approve", null), 404, "NOT_FOUND");

        String stranger = Platform.registerSignedAgency("市文旅局");
        asAgency(consumer).get("/api/v1/applications").then().statusCode(200).body("applications.id", hasItem((int) id));
        asAgency(provider).queryParam("dataset", dataset).get("/api/v1/applications").then().statusCode(200)
                .body("applications.id", hasItem((int) id));
        asAgency(stranger).get("/api/v1/applications").then().statusCode(200)
                .body("applications.id", not(hasItem((int) id)));
        assertProblem(asAgency(stranger).get("/api/v1/applications/" + id).then(), 404, "NOT_FOUND");
        as(Tokens.center()).queryParam("status", "SUBMITTED").get("/api/v1/applications").then().statusCode(200)
                .body("applications.id", hasItem((int) id));
    }
}
