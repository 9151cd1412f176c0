package org.cityplatform.exchange.classification;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md, "Classification with the provider" (Art. 9): the center classifies together
 * with the provider. A stricter class applies at once; a less strict one waits for the
 * provider's concurrence, its objection, or five working days of silence.
 */
@QuarkusTest
class ClassificationApiTest {

    @Inject
    ClassificationService service;

    @Inject
    Calendars calendars;

    private String provider;
    private String dataset;

    @BeforeEach
    void aConditionalDataset() {
        provider = Platform.registerSignedAgency("市公安局");
        dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
    }

    private ValidatableResponse propose(String sharingClass, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("sharingClass", sharingClass));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/datasets/" + dataset + "/classification").then();
    }

    private ValidatableResponse providerSays(String step, Map<String, Object> body) {
        return asAgency(provider).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + dataset + "/classification/" + step).then();
    }

    /** Art. 8: only a dataset without sensitive fields may become UNCONDITIONAL. */
    private String aDatasetWithoutSensitiveFields() {
        String code = TestCodes.datasetCode("plates");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "机动车登记", "provider", provider, "subjectType", "OBJECT",
                        "sharingClass", "CONDITIONAL", "updateCycle", "DAILY",
                        "fields", List.of(Map.of("name", "plate", "type", "STRING", "required", true))))
                .post("/api/v1/datasets").then().statusCode(201);
        return code;
    }

    @Test
    void art9_aStricterClassAppliesAtOnceAndTheProviderIsTold() {
        propose("SPECIAL", "legalBasis", "《居民身份证法》第十九条").statusCode(200)
                .body("sharingClass", equalTo("SPECIAL")).body("classification.status", equalTo("AGREED"));
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.kind", hasItem("CLASSIFICATION"))
                .body("notifications.message", hasItem(containsString("in force at once")));
    }

    @Test
    void art9_aLessStrictClassWaitsForTheProvidersConcurrence() throws Throwable {
        dataset = aDatasetWithoutSensitiveFields();
        LocalDate due = VertxContextSupport.subscribeAndAwait(() -> calendars.current())
                .plusWorkingDays(CityDays.today(Clock.systemUTC()), ClassificationService.PROVIDER_WORKING_DAYS);
        propose("UNCONDITIONAL").statusCode(200)
                .body("sharingClass", equalTo("CONDITIONAL"))
                .body("classification.status", equalTo("PROPOSED"))
                .body("classification.proposed", equalTo("UNCONDITIONAL"))
                .body("classification.due", equalTo(due.toString()));
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("silence counts as concurrence")));

        providerSays("concur", Map.of()).statusCode(200)
                .body("sharingClass", equalTo("UNCONDITIONAL")).body("classification.status", equalTo("AGREED"))
                .body("classification.proposed", nullValue());
        assertProblem(providerSays("concur", Map.of()), 409, "INVALID_STATE");
    }

    @Test
    void art9_silencePastFiveWorkingDaysCountsAsConcurrence() throws Throwable {
        dataset = aDatasetWithoutSensitiveFields();
        LocalDate due = LocalDate.parse(propose("UNCONDITIONAL").statusCode(200).extract().path("classification.due"));

        assertEquals(0, VertxContextSupport.subscribeAndAwait(() -> service.settleOn(due)).stream()
                .filter(o -> o.dataset().code.equals(dataset)).count(), "the due day itself is still the provider's");
        assertEquals(1, VertxContextSupport.subscribeAndAwait(() -> service.settleOn(due.plusDays(1))).stream()
                .filter(o -> o.dataset().code.equals(dataset)).count());
        asAgency(provider).get("/api/v1/datasets/" + dataset).then()
                .body("sharingClass", equalTo("UNCONDITIONAL")).body("classification.status", equalTo("AGREED"));
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("silence counts as concurrence, Art. 9")));
    }

    @Test
    void art9_anObjectionKeepsTheStricterClassUntilTheCenterDecides() {
        dataset = aDatasetWithoutSensitiveFields();
        propose("UNCONDITIONAL").statusCode(200);
        assertProblem(providerSays("object", Map.of()), 400, "REASON_REQUIRED");
        assertProblem(providerSays("object", Map.of("reason", " ")), 400, "REASON_REQUIRED");

        providerSays("object", Map.of("reason", "车辆登记含车主信息，须有条件共享")).statusCode(200)
                .body("sharingClass", equalTo("CONDITIONAL")).body("classification.status", equalTo("DISPUTED"))
                .body("classification.objection", equalTo("车辆登记含车主信息，须有条件共享"));
        given().auth().oauth2(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("objects to classifying dataset " + dataset)));
        assertProblem(providerSays("concur", Map.of()), 409, "INVALID_STATE");

        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "CONDITIONAL", "note", "维持有条件共享"))
                .post("/api/v1/datasets/" + dataset + "/classification/decide").then().statusCode(200)
                .body("sharingClass", equalTo("CONDITIONAL")).body("classification.status", equalTo("AGREED"));
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("维持有条件共享")));
    }

    @Test
    void art9_onlyTheCenterProposesAndDecidesAndOnlyTheProviderAnswers() {
        assertProblem(asAgency(provider).contentType(ContentType.JSON).body(Map.of("sharingClass", "SPECIAL"))
                .put("/api/v1/datasets/" + dataset + "/classification").then(), 403, "FORBIDDEN_ROLE");
        String other = Platform.registerSignedAgency("市税务局");
        assertProblem(asAgency(other).post("/api/v1/datasets/" + dataset + "/classification/concur").then(),
                403, "NOT_PROVIDER");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "CONDITIONAL"))
                .post("/api/v1/datasets/" + dataset + "/classification/decide").then(), 409, "INVALID_STATE");
        assertProblem(propose("SPECIAL"), 400, "LEGAL_BASIS_REQUIRED");
    }

    @Test
    void art8_aDatasetWithSensitiveFieldsIsNeverClassifiedUnconditional() {
        // Platform's person datasets mark the address sensitive.
        assertProblem(propose("UNCONDITIONAL"), 409, "SENSITIVE_IN_UNCONDITIONAL")
                .body("detail", containsString("address"));
        asAgency(provider).get("/api/v1/datasets/" + dataset).then().body("sharingClass", equalTo("CONDITIONAL"));
    }

    @Test
    void art19_grantsFromApplicationsEndWhenADatasetBecomesSpecial_designationsStay() {
        String applicant = Platform.registerSignedAgency("市民政局");
        String designated = Platform.registerSignedAgency("市人社局");
        String key = TestKeys.person(4242);
        Platform.push(provider, dataset, Platform.person(key, "王芳", "长宁路1号"));
        long application = ((Number) asAgency(applicant).contentType(ContentType.JSON)
                .body(Map.of("dataset", dataset, "purpose", "低保资格核验", "fields", List.of("name"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusYears(1).toString(), "confidentiality",
                        Map.of("acknowledgedBy", "民政局", "persons", List.of("低保审核员"))))
                .post("/api/v1/applications").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/applications/" + application + "/approve").then().statusCode(200);
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", designated, "dataset", dataset, "fields", List.of("name"), "purpose", "就业核验",
                        "use", "DUTY", "validUntil", LocalDate.now().plusDays(10).toString()))
                .post("/api/v1/grants").then().statusCode(201);
        asAgency(applicant).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);

        propose("SPECIAL", "legalBasis", "《居民身份证法》第十九条").statusCode(200);

        assertProblem(asAgency(applicant).get("/api/v1/datasets/" + dataset + "/records/" + key).then(), 403, "NO_GRANT");
        asAgency(applicant).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("is now SPECIAL data")));
        asAgency(designated).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);
    }
}
