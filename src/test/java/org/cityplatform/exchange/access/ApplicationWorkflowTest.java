package org.cityplatform.exchange.access;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Access": applying for data, through every step and every refusal (Art. 4(3), 17, 18, 19, 24). */
@QuarkusTest
class ApplicationWorkflowTest {

    @Inject
    Calendars calendars;

    @Inject
    OverdueConsultations overdue;

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

    private static final Map<String, Object> CONFIDENTIALITY = Map.of("acknowledgedBy", "民政局信息科 张伟",
            "persons", List.of("低保审核员", "李娜"));

    private long apply(String dataset, String use, List<String> fields) {
        return apply(dataset, use, fields, null);
    }

    private long apply(String dataset, String use, List<String> fields, List<String> scopes) {
        Map<String, Object> body = new HashMap<>(Map.of("dataset", dataset, "purpose", "低保资格核验", "fields", fields,
                "use", use, "validUntil", LocalDate.now().plusYears(1).toString(), "confidentiality", CONFIDENTIALITY));
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return ((Number) asAgency(consumer).contentType(ContentType.JSON).body(body)
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
        long id = apply(dataset, "DUTY", List.of("name"), List.of("LOOKUP", "SYNC", "EXPORT"));

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
    void art18_theCenterRefusesAConditionalDutyApplicationWithAWrittenReason() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        assertProblem(step(Tokens.center(), id, "refuse", Map.of("reason", " ")), 400, "REASON_REQUIRED");
        assertProblem(step(Tokens.agency(provider), id, "refuse", Map.of("reason", "x")), 403, "FORBIDDEN_ROLE");
        step(Tokens.center(), id, "refuse", Map.of("reason", "用途与职责无关")).statusCode(200)
                .body("status", equalTo("REFUSED")).body("reason", equalTo("用途与职责无关"));
        asAgency(consumer).get("/api/v1/notifications").then().body("notifications.message",
                hasItem(containsString("用途与职责无关")));
        assertProblem(read(dataset), 403, "NO_GRANT");
        assertProblem(step(Tokens.center(), id, "refuse", Map.of("reason", "again")), 409, "INVALID_STATE");

        // While the provider is consulted, the center may still refuse.
        long consulted = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), consulted, "consult", null).statusCode(200);
        step(Tokens.center(), consulted, "refuse", Map.of("reason", "申请单位已撤销该业务")).statusCode(200)
                .body("status", equalTo("REFUSED"));
    }

    @Test
    void art4_theCenterRefusesAnUnconditionalDevelopmentApplication() {
        String dataset = dataset("UNCONDITIONAL");
        long id = apply(dataset, "DEVELOPMENT", List.of("name"));
        assertProblem(step(Tokens.center(), id, "refuse", null), 400, "REASON_REQUIRED");
        step(Tokens.center(), id, "refuse", Map.of("reason", "开发测试应使用脱敏数据")).statusCode(200)
                .body("status", equalTo("REFUSED"));
        assertProblem(asAgency(consumer).header("X-Data-Use", "DEVELOPMENT")
                .get("/api/v1/datasets/" + dataset + "/records/" + key).then(), 403, "NO_GRANT");
    }

    @Test
    void art18_theApplicantWithdrawsBeforeADecision() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        assertProblem(step(Tokens.agency(provider), id, "withdraw", null), 403, "FORBIDDEN_ROLE");
        assertProblem(step(Tokens.center(), id, "withdraw", null), 403, "FORBIDDEN_ROLE");
        step(Tokens.agency(consumer), id, "withdraw", null).statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertProblem(step(Tokens.center(), id, "approve", null), 409, "INVALID_STATE");
        assertProblem(step(Tokens.agency(consumer), id, "withdraw", null), 409, "INVALID_STATE");
        as(Tokens.center()).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("steps.to", equalTo(List.of("SUBMITTED", "WITHDRAWN")));
        as(Tokens.center()).queryParam("status", "WITHDRAWN").get("/api/v1/applications").then()
                .body("applications.id", hasItem((int) id));

        // Withdrawn while consulted: the provider need not answer, and is told so.
        long consulted = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), consulted, "consult", null).statusCode(200);
        step(Tokens.agency(consumer), consulted, "withdraw", null).statusCode(200).body("status", equalTo("WITHDRAWN"));
        assertProblem(step(Tokens.agency(provider), consulted, "provider-decision", Map.of("approve", true)),
                409, "INVALID_STATE");
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("withdrawn")));

        // A decided application stays decided.
        long approved = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), approved, "approve", null).statusCode(200);
        assertProblem(step(Tokens.agency(consumer), approved, "withdraw", null), 409, "INVALID_STATE");
    }

    @Test
    void art18_anExportByALookupOnlyGrantIsRefusedWhileItsLookupsSucceed() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        as(Tokens.center()).get("/api/v1/applications/" + id).then().body("scopes", equalTo(List.of("LOOKUP")));
        step(Tokens.center(), id, "approve", null).statusCode(200);
        as(Tokens.center()).queryParam("dataset", dataset).get("/api/v1/grants").then()
                .body("grants[0].scopes", equalTo(List.of("LOOKUP")));

        read(dataset).statusCode(200).body("data.name", equalTo("病人甲"));
        asAgency(consumer).get("/api/v1/subjects/" + key).then().statusCode(200)
                .body("records.dataset", hasItem(dataset));
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/export").then(), 403, "SCOPE_NOT_GRANTED")
                .body("detail", containsString("EXPORT"));
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then(), 403, "SCOPE_NOT_GRANTED")
                .body("detail", containsString("SYNC"));
    }

    @Test
    void art18_aSyncOnlyGrantFollowsTheChangeFeedButNeitherLooksUpNorExports() {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"), List.of("SYNC"));
        step(Tokens.center(), id, "approve", null).statusCode(200).body("scopes", equalTo(List.of("SYNC")));

        asAgency(consumer).get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200)
                .body("changes[0].data.name", equalTo("病人甲")).body("changes[0].data.address", nullValue());
        assertProblem(read(dataset), 403, "SCOPE_NOT_GRANTED");
        assertProblem(asAgency(consumer).get("/api/v1/datasets/" + dataset + "/export").then(), 403, "SCOPE_NOT_GRANTED");
        // A subject lookup is a LOOKUP: the dataset is not among what the consumer may see of the person.
        asAgency(consumer).get("/api/v1/subjects/" + key).then().statusCode(200)
                .body("records.dataset", not(hasItem(dataset)));
    }

    @Test
    void art18_scopesAreANonEmptySubsetOfLookupSyncAndExport() {
        String dataset = dataset("CONDITIONAL");
        for (Object scopes : List.of(List.of(), List.of("DELETE"), List.of("LOOKUP", "SYNC", "EXPORT", "LOOKUP"))) {
            Map<String, Object> body = new HashMap<>(Map.of("dataset", dataset, "purpose", "p", "fields", List.of("name"),
                    "use", "DUTY", "validUntil", LocalDate.now().plusDays(30).toString(),
                    "confidentiality", CONFIDENTIALITY, "scopes", scopes));
            assertProblem(asAgency(consumer).contentType(ContentType.JSON).body(body).post("/api/v1/applications").then(),
                    400, "INVALID_REQUEST");
        }
        long id = apply(dataset, "DUTY", List.of("name"), List.of("EXPORT", "LOOKUP"));
        as(Tokens.center()).get("/api/v1/applications/" + id).then().body("scopes", equalTo(List.of("LOOKUP", "EXPORT")));
    }

    @Test
    void art18_aConsultationIsDueFiveWorkingDaysLaterOnTheOfficialCalendar() throws Throwable {
        long id = apply(dataset("CONDITIONAL"), "DUTY", List.of("name"));
        as(Tokens.center()).get("/api/v1/applications/" + id).then().body("providerDue", nullValue());
        String due = step(Tokens.center(), id, "consult", null).statusCode(200).extract().path("providerDue");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        LocalDate expected = VertxContextSupport.subscribeAndAwait(() -> calendars.current()).plusWorkingDays(today, 5);
        assertEquals(expected.toString(), due);
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("by " + expected)));
    }

    @Test
    void art18_anOverdueConsultationIsNoticedByBothPartiesAndInTheAssessment() throws Throwable {
        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), id, "consult", null).statusCode(200);
        sql("UPDATE applications SET provider_due = current_date - 1 WHERE id = ?", id);

        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        VertxContextSupport.subscribeAndAwait(() -> overdue.markOn(today.plusDays(1)));
        for (String party : List.of(provider, consumer)) {
            asAgency(party).get("/api/v1/notifications").then()
                    .body("notifications.findAll { it.kind == 'OVERDUE' }.subject", hasItem("application " + id));
        }
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.subject", hasItem("application " + id));
        // Said once.
        int notices = asAgency(provider).get("/api/v1/notifications").then().extract().path("notifications.size()");
        VertxContextSupport.subscribeAndAwait(() -> overdue.markOn(today.plusDays(1)));
        asAgency(provider).get("/api/v1/notifications").then().body("notifications.size()", equalTo(notices));

        // Answered late, it still counts against the provider.
        step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", true)).statusCode(200);
        as(Tokens.center()).queryParam("from", today.toString()).queryParam("to", today.toString())
                .get("/api/v1/assessment").then().statusCode(200)
                .body("agencies.find { it.agency == '" + provider + "' }.consultationsOverdue", equalTo(1))
                .body("agencies.find { it.agency == '" + consumer + "' }.consultationsOverdue", equalTo(0));
    }

    @Test
    void art24_anApplicationForConditionalOrSpecialDataNamesWhoWillKnowIt() {
        for (String sharingClass : List.of("CONDITIONAL", "SPECIAL")) {
            String dataset = dataset(sharingClass);
            Map<String, Object> body = new HashMap<>(Map.of("dataset", dataset, "purpose", "p", "fields", List.of("name"),
                    "use", "DUTY", "validUntil", LocalDate.now().plusDays(30).toString()));
            assertProblem(asAgency(consumer).contentType(ContentType.JSON).body(body).post("/api/v1/applications").then(),
                    400, "CONFIDENTIALITY_REQUIRED").body("detail", containsString("Art. 24"));
            body.put("confidentiality", Map.of("acknowledgedBy", "张伟", "persons", List.of()));
            assertProblem(asAgency(consumer).contentType(ContentType.JSON).body(body).post("/api/v1/applications").then(),
                    400, "INVALID_REQUEST");
            body.put("confidentiality", Map.of("persons", List.of("李娜")));
            assertProblem(asAgency(consumer).contentType(ContentType.JSON).body(body).post("/api/v1/applications").then(),
                    400, "INVALID_REQUEST");
        }

        String dataset = dataset("CONDITIONAL");
        long id = apply(dataset, "DUTY", List.of("name"));
        step(Tokens.center(), id, "consult", null).statusCode(200)
                .body("confidentiality.acknowledgedBy", equalTo("民政局信息科 张伟"))
                .body("confidentiality.persons", equalTo(List.of("低保审核员", "李娜")));
        // The consulted provider sees who will know its data: in the notice and in the application.
        asAgency(provider).get("/api/v1/notifications").then()
                .body("notifications.findAll { it.subject == 'application " + id + "' }.message",
                        hasItem(allOf(containsString("低保审核员, 李娜"), containsString("民政局信息科 张伟"))));
        asAgency(provider).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("confidentiality.persons", equalTo(List.of("低保审核员", "李娜")));
        step(Tokens.agency(provider), id, "provider-decision", Map.of("approve", true)).statusCode(200);
        asAgency(consumer).get("/api/v1/grants").then()
                .body("grants.find { it.application == " + id + " }.confidentiality.acknowledgedBy",
                        equalTo("民政局信息科 张伟"))
                .body("grants.find { it.application == " + id + " }.confidentiality.persons",
                        equalTo(List.of("低保审核员", "李娜")));

        // UNCONDITIONAL data for development needs none.
        String open = dataset("UNCONDITIONAL");
        asAgency(consumer).contentType(ContentType.JSON)
                .body(Map.of("dataset", open, "purpose", "p", "fields", List.of("name"), "use", "DEVELOPMENT",
                        "validUntil", LocalDate.now().plusDays(30).toString()))
                .post("/api/v1/applications").then().statusCode(201).body("confidentiality", nullValue());
    }

    private static void sql(String statement, Object... parameters) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
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
