package org.cityplatform.exchange.opendata;

import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.support.Http;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/open-data.md, "Opening personal data": a PERSON dataset is published only once the center
 * approved its opening with a security assessment, and only until the assessment's review date
 * (Art. 23, 24, 25); ENTITY and OBJECT data opens at once.
 */
@QuarkusTest
@TestProfile(OpenDataProfile.class)
class OpeningApprovalTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Inject
    OpeningReviews reviews;

    private String provider;
    private String persons;
    private String client;

    @BeforeEach
    void aProviderWithAnUnconditionalPersonDataset() {
        client = "198.51.101." + ADDRESSES.incrementAndGet();
        provider = Platform.registerSignedAgency("市民政局");
        persons = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, persons, Platform.person(TestKeys.person(1), "王秀英", "北京路1号"));
    }

    private RequestSpecification anyone() {
        return Http.anonymous().header("X-Forwarded-For", client);
    }

    private static LocalDate today() {
        return CityDays.today(Clock.systemUTC());
    }

    private ValidatableResponse open(String dataset, List<String> fields) {
        return Http.asAgency(provider).contentType(ContentType.JSON).body(Map.of("fields", fields))
                .put("/api/v1/datasets/" + dataset + "/open").then();
    }

    private static ValidatableResponse approve(String token, String dataset, Object assessment) {
        return Http.as(token).contentType(ContentType.JSON).body(Map.of("assessment", assessment))
                .post("/api/v1/datasets/" + dataset + "/open/approve").then();
    }

    private static Map<String, Object> assessment(LocalDate reviewDue) {
        return Map.of("by", "市大数据中心安全评估组", "conclusion", "仅公开姓名，风险可控", "reviewDue", reviewDue.toString());
    }

    private static ValidatableResponse refuse(String token, String dataset, Object body) {
        return Http.as(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets/" + dataset + "/open/refuse").then();
    }

    private void assertNotPublished(String dataset) {
        anyone().get("/open/v1/datasets").then().statusCode(200).body("datasets.code", not(hasItem(dataset)));
        assertProblem(anyone().get("/open/v1/datasets/" + dataset).then(), 404, "NOT_FOUND");
        assertProblem(anyone().get("/open/v1/datasets/" + dataset + "/export").then(), 404, "NOT_FOUND");
    }

    private void assertPublished(String dataset) {
        anyone().get("/open/v1/datasets").then().statusCode(200).body("datasets.code", hasItem(dataset));
        anyone().get("/open/v1/datasets/" + dataset).then().statusCode(200);
        anyone().get("/open/v1/datasets/" + dataset + "/export").then().statusCode(200);
    }

    private ValidatableResponse opening(String dataset) {
        return Http.as(Tokens.center()).get("/api/v1/openings").then().statusCode(200)
                .rootPath("openings.find { it.dataset == '" + dataset + "' }");
    }

    @Test
    void art24_aPersonDatasetsOpeningIsInvisibleUntilTheCenterApprovesItWithAnAssessment() {
        open(persons, List.of("name")).statusCode(202)
                .body("dataset", equalTo(persons)).body("state", equalTo("PENDING_APPROVAL"))
                .body("fields", equalTo(List.of("name"))).body("assessment", nullValue());
        assertNotPublished(persons);
        opening(persons).body("state", equalTo("PENDING_APPROVAL")).body("provider", equalTo(provider))
                .body("subjectType", equalTo("PERSON"));
        Http.as(Tokens.center()).queryParam("state", "PENDING_APPROVAL").get("/api/v1/openings").then()
                .statusCode(200).body("openings.dataset", hasItem(persons));
        Http.as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.subject", hasItem("opening " + persons));

        LocalDate due = today().plusYears(1);
        approve(Tokens.center(), persons, assessment(due)).statusCode(200)
                .body("state", equalTo("OPEN")).body("assessment.by", equalTo("市大数据中心安全评估组"))
                .body("assessment.conclusion", equalTo("仅公开姓名，风险可控"))
                .body("assessment.reviewDue", equalTo(due.toString()));
        assertPublished(persons);
        opening(persons).body("state", equalTo("OPEN")).body("assessment.reviewDue", equalTo(due.toString()));
        Http.asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.kind", hasItem("OPENING"))
                .body("notifications.message", hasItem(containsString("approved")));
    }

    @Test
    void art24_theCenterRefusesAnOpeningWithAReason_andTheProviderMayAskAgain() {
        open(persons, List.of("name", "birthDate")).statusCode(202);
        assertProblem(refuse(Tokens.center(), persons, Map.of()), 400, "REASON_REQUIRED");
        assertProblem(refuse(Tokens.center(), persons, Map.of("reason", "  ")), 400, "REASON_REQUIRED");
        refuse(Tokens.center(), persons, Map.of("reason", "出生日期与姓名合并可识别个人")).statusCode(200)
                .body("state", equalTo("REFUSED")).body("refusalReason", equalTo("出生日期与姓名合并可识别个人"));
        assertNotPublished(persons);
        assertProblem(approve(Tokens.center(), persons, assessment(today().plusYears(1))), 409, "INVALID_STATE");
        assertProblem(refuse(Tokens.center(), persons, Map.of("reason", "再次")), 409, "INVALID_STATE");
        Http.asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("出生日期与姓名合并可识别个人")));

        open(persons, List.of("name")).statusCode(202).body("state", equalTo("PENDING_APPROVAL"))
                .body("refusalReason", nullValue());
        approve(Tokens.center(), persons, assessment(today().plusMonths(6))).statusCode(200);
        assertPublished(persons);
    }

    @Test
    void art24_onlyTheCenterApprovesRefusesAndListsOpenings() {
        open(persons, List.of("name")).statusCode(202);
        String other = Platform.registerSignedAgency("市卫健委");
        for (String token : List.of(Tokens.agency(provider), Tokens.agency(other), Tokens.ops())) {
            assertProblem(approve(token, persons, assessment(today().plusYears(1))), 403, "FORBIDDEN_ROLE");
            assertProblem(refuse(token, persons, Map.of("reason", "不行")), 403, "FORBIDDEN_ROLE");
            assertProblem(Http.as(token).get("/api/v1/openings").then(), 403, "FORBIDDEN_ROLE");
        }
        assertNotPublished(persons);
    }

    @Test
    void art24_anAssessmentNamesWhoConcludedWhatAndAReviewDateAhead_atMostThreeYears() {
        open(persons, List.of("name")).statusCode(202);
        assertProblem(approve(Tokens.center(), persons, Map.of("conclusion", "可", "reviewDue",
                today().plusYears(1).toString())), 400, "INVALID_REQUEST");
        assertProblem(approve(Tokens.center(), persons, Map.of("by", "评估组", "reviewDue",
                today().plusYears(1).toString())), 400, "INVALID_REQUEST");
        assertProblem(approve(Tokens.center(), persons, Map.of("by", "评估组", "conclusion", "可")), 400, "INVALID_REQUEST");
        assertProblem(approve(Tokens.center(), persons, assessment(today())), 400, "INVALID_REQUEST");
        assertProblem(approve(Tokens.center(), persons, assessment(today().plusYears(3).plusDays(1))), 400,
                "INVALID_REQUEST");
        assertProblem(Http.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/datasets/" + persons + "/open/approve").then(), 400, "INVALID_REQUEST");
        assertProblem(Http.as(Tokens.center()).queryParam("state", "LIMBO").get("/api/v1/openings").then(),
                400, "INVALID_REQUEST");
        String unopened = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        assertProblem(approve(Tokens.center(), unopened, assessment(today().plusYears(1))), 404, "NOT_FOUND");
        assertNotPublished(persons);
        approve(Tokens.center(), persons, assessment(today().plusYears(3))).statusCode(200);
    }

    @Test
    void art24_anOpeningPastItsReviewDateIsSuspendedUntilTheCenterApprovesItAgain() throws Throwable {
        open(persons, List.of("name")).statusCode(202);
        approve(Tokens.center(), persons, assessment(today().plusYears(1))).statusCode(200);
        assertPublished(persons);

        // The review date passes: reads stop at once, before the check has marked anything.
        sql("UPDATE open_datasets SET review_due = ? WHERE dataset = ?", today().minusDays(1), persons);
        assertNotPublished(persons);
        opening(persons).body("state", equalTo("SUSPENDED"));

        VertxContextSupport.subscribeAndAwait(() -> reviews.checkOn(today()));
        String suspended = "notifications.findAll { it.subject == 'opening " + persons + "' }.message";
        Http.asAgency(provider).get("/api/v1/notifications").then()
                .body(suspended, hasItem(containsString("suspended")));
        Http.as(Tokens.center()).get("/api/v1/notifications").then()
                .body(suspended, hasItem(containsString("suspended")));
        Http.as(Tokens.center()).queryParam("state", "SUSPENDED").get("/api/v1/openings").then()
                .body("openings.dataset", hasItem(persons));
        assertNotPublished(persons);

        approve(Tokens.center(), persons, assessment(today().plusYears(2))).statusCode(200).body("state", equalTo("OPEN"));
        assertPublished(persons);
    }

    @Test
    void art24_providerAndCenterAreRemindedOnceBeforeTheReviewIsDue() throws Throwable {
        open(persons, List.of("name")).statusCode(202);
        approve(Tokens.center(), persons, assessment(today().plusDays(OpeningReviews.NOTICE_DAYS - 1))).statusCode(200);
        VertxContextSupport.subscribeAndAwait(() -> reviews.checkOn(today()));
        VertxContextSupport.subscribeAndAwait(() -> reviews.checkOn(today()));
        String reminders = "notifications.findAll { it.subject == 'opening " + persons
                + "' && it.message.contains('due for review') }.size()";
        Http.asAgency(provider).get("/api/v1/notifications").then().body(reminders, equalTo(1));
        Http.as(Tokens.center()).get("/api/v1/notifications").then().body(reminders, equalTo(1));
        // Still published until the day has passed.
        assertPublished(persons);
    }

    @Test
    void art24_openingAnApprovedPersonDatasetAgainAsksTheCenterAgain() {
        open(persons, List.of("name")).statusCode(202);
        approve(Tokens.center(), persons, assessment(today().plusYears(1))).statusCode(200);
        assertPublished(persons);
        open(persons, List.of("name", "birthDate")).statusCode(202)
                .body("state", equalTo("PENDING_APPROVAL")).body("assessment", nullValue());
        assertNotPublished(persons);
    }

    @Test
    void art23_entityAndObjectDatasetsOpenAtOnceWithoutAnApproval() {
        String hydrants = TestCodes.datasetCode("hydrants");
        Http.as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", hydrants, "name", "消防栓", "provider", provider, "subjectType", "OBJECT",
                        "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY",
                        "fields", List.of(Map.of("name", "street", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        open(hydrants, List.of("key", "street")).statusCode(200).body("code", equalTo(hydrants));
        anyone().get("/open/v1/datasets/" + hydrants).then().statusCode(200);
        opening(hydrants).body("state", equalTo("OPEN")).body("assessment", nullValue());
        assertProblem(approve(Tokens.center(), hydrants, assessment(today().plusYears(1))), 409, "INVALID_STATE");
        assertProblem(refuse(Tokens.center(), hydrants, Map.of("reason", "不")), 409, "INVALID_STATE");
    }

    @Test
    void art23_theProviderWithdrawsAnOpeningInAnyState() {
        open(persons, List.of("name")).statusCode(202);
        Http.asAgency(provider).delete("/api/v1/datasets/" + persons + "/open").then().statusCode(204);
        Http.as(Tokens.center()).get("/api/v1/openings").then().body("openings.dataset", not(hasItem(persons)));
        open(persons, List.of("name")).statusCode(202);
        refuse(Tokens.center(), persons, Map.of("reason", "不宜公开")).statusCode(200);
        Http.asAgency(provider).delete("/api/v1/datasets/" + persons + "/open").then().statusCode(204);
        open(persons, List.of("name")).statusCode(202);
        approve(Tokens.center(), persons, assessment(today().plusYears(1))).statusCode(200);
        Http.asAgency(provider).delete("/api/v1/datasets/" + persons + "/open").then().statusCode(204);
        assertNotPublished(persons);
    }

    @Test
    void art31_openingsApprovalsAndRefusalsAreOpeningEventsWithTheirTarget() {
        open(persons, List.of("name")).statusCode(202);
        approve(Tokens.center(), persons, assessment(today().plusYears(1))).statusCode(200);
        assertProblem(refuse(Tokens.agency(provider), persons, Map.of("reason", "x")), 403, "FORBIDDEN_ROLE");
        Http.as(Tokens.center()).queryParam("dataset", persons).queryParam("action", "OPENING")
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.size()", equalTo(3))
                .body("events.code", hasItem("FORBIDDEN_ROLE"))
                .body("events.target.type", org.hamcrest.Matchers.everyItem(equalTo("opening")))
                .body("events.target.id", org.hamcrest.Matchers.everyItem(equalTo(persons)));
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
