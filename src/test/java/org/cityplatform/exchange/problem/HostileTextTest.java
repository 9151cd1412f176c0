package org.cityplatform.exchange.problem;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cityplatform.exchange.support.DatabaseSessions;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.RawHttp;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text a client sends is checked where it enters: a NUL or another control character in a path, a
 * query or a JSON string is a 400 problem of its own request, never a database error, and never
 * reaches the audit trail's shared batches where it would fail other clients' requests (Art. 31:
 * one caller's event must not cost another caller its answer).
 */
@QuarkusTest
class HostileTextTest {

    private static String provider;
    private static String reader;
    private static String dataset;
    private static String key;

    @BeforeEach
    void platform() {
        if (provider == null) {
            provider = Platform.registerSignedAgency("恶意文本提供方");
            reader = Platform.registerSignedAgency("恶意文本读者");
            dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
            key = TestKeys.person(9301);
            Platform.push(provider, dataset, Platform.person(key, "甲", "某路"));
        }
    }

    /** The request exactly as written: RestAssured must not re-encode the percent signs. */
    private static RequestSpecification raw(RequestSpecification request) {
        return request.urlEncodingEnabled(false);
    }

    /** A refusal of the edge: a problem with a stable code and nothing of PostgreSQL in it. */
    static ValidatableResponse assertRefused(ValidatableResponse response, String code) {
        return assertCleanProblem(response, 400, code);
    }

    static ValidatableResponse assertCleanProblem(ValidatableResponse response, int status, String code) {
        return assertProblem(response, status, code)
                .body(not(containsString("ERROR")))
                .body(not(containsString("invalid byte sequence")))
                .body(not(containsString("SQLSTATE")))
                .body(not(containsString("pg")))
                .body(not(containsString("postgres")));
    }

    private static List<Supplier<RequestSpecification>> callers() {
        return List.of(() -> raw(anonymous()), () -> raw(asAgency(reader)), () -> raw(as(Tokens.center())));
    }

    @Test
    void aNulInAPathIsAnInvalidRequestWithOrWithoutAToken() {
        List<String> paths = List.of(
                "/api/v1/datasets/a%00b/export",
                "/api/v1/datasets/a%00b/changes",
                "/api/v1/datasets/a%00b",
                "/api/v1/agencies/a%00b",
                "/api/v1/agencies/a%00b/quota",
                "/api/v1/calendar/20%0026",
                "/open/v1/datasets/a%00b",
                "/open/v1/datasets/a%00b/export",
                "/api/v1/nowhere/%00");
        for (Supplier<RequestSpecification> caller : callers()) {
            for (String path : paths) {
                assertRefused(caller.get().get(path).then(), "INVALID_REQUEST")
                        .body("detail", containsString("control character"));
            }
            assertRefused(caller.get().contentType("application/x-ndjson").body(Platform.person(key, "乙", "某路"))
                    .post("/api/v1/datasets/a%00b/records").then(), "INVALID_REQUEST");
        }
    }

    @Test
    void aNulInASubjectKeyOfAPathIsAnInvalidKey_Art16() {
        for (Supplier<RequestSpecification> caller : callers()) {
            assertRefused(caller.get().get("/api/v1/datasets/" + dataset + "/records/3101%00").then(), "INVALID_KEY");
            assertRefused(caller.get().get("/api/v1/subjects/3101%00").then(), "INVALID_KEY");
        }
    }

    @Test
    void aNulOrControlCharacterInAQueryIsAnInvalidRequest() {
        List<String> uris = List.of(
                "/api/v1/datasets?q=a%00b",
                "/api/v1/datasets?q%00=a",
                "/api/v1/datasets/" + dataset + "/changes?since=%00",
                "/api/v1/datasets/" + dataset + "/export?since=a%00",
                "/api/v1/audit?subject=a%00b",
                "/api/v1/audit?caseId=%00&requestId=x",
                "/api/v1/audit?agency=%1b%5b2J",
                "/api/v1/applications?status=%7f",
                "/open/v1/datasets?q=%00");
        for (Supplier<RequestSpecification> caller : callers()) {
            for (String uri : uris) {
                assertRefused(caller.get().get(uri).then(), "INVALID_REQUEST");
            }
        }
    }

    @Test
    void percentEncodingThatIsNoUtf8IsAnInvalidRequest() {
        for (String uri : List.of("/api/v1/datasets/a%ffb", "/api/v1/datasets?q=%ed%a0%80",
                "/api/v1/datasets/a%c0%80b/export")) {
            assertRefused(raw(as(Tokens.center())).get(uri).then(), "INVALID_REQUEST");
        }
    }

    /*
     * Before any route of ours: Quarkus's root handler refuses a request target java.net.URI cannot
     * parse (a '%' without two hex digits), and the HTTP codec a header value with a control
     * character, each with a bare 400 (no hook exists for either; see RequestLimits). The request
     * is still refused, reaches nothing that stores text, and the next one is served.
     */
    @Test
    void whatTheFrameworkRefusesBeforeRoutingIsStillA400() throws Exception {
        for (String uri : List.of("/api/v1/datasets?q=%zz", "/api/v1/datasets/a%2", "/open/v1/datasets/%")) {
            String answer = RawHttp.exchange("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Tokens.center() + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        String answer = RawHttp.exchange("GET /api/v1/datasets/" + dataset + "/records/" + key
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.agency(reader)
                + "\r\nX-Case-Id: ca\u0000se\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);
    }

    @Test
    void ordinaryTextStillPasses() {
        // Chinese, spaces and tabs are text; only control characters are refused.
        raw(as(Tokens.center())).get("/api/v1/datasets?q=%E6%88%B7%E7%B1%8D%20%E4%BA%BA%E5%8F%A3").then().statusCode(200);
        raw(as(Tokens.center())).get("/api/v1/datasets?q=a+b").then().statusCode(200);
    }

    @Test
    void aControlCharacterInAStoredHeaderIsAnInvalidRequest() {
        // The case reference is stored percent-decoded: what it decodes to is checked like a path.
        assertRefused(asAgency(reader).header("X-Case-Id", "case%00").get("/api/v1/datasets/" + dataset
                + "/records/" + key).then(), "INVALID_REQUEST");
        assertRefused(as(Tokens.center()).header("X-Case-Id", "case%01").get("/api/v1/datasets").then(),
                "INVALID_REQUEST");
    }

    @Test
    void aCaseReferenceSentAsRawBytesPastAsciiIsRefusedNotStoredGarbled() throws Exception {
        // Header bytes are read as Latin-1: raw UTF-8 would be stored as mojibake with C1 controls.
        String answer = RawHttp.exchange("GET /api/v1/datasets/" + dataset + "/records/" + key + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + Tokens.agency(reader) + "\r\nX-Case-Id: "
                + new String("案件".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"code\":\"INVALID_REQUEST\""), answer);
        asAgency(reader).header("X-Case-Id", "%E6%A1%88%E4%BB%B6").get("/api/v1/datasets/" + dataset + "/records/" + key)
                .then().statusCode(200);
    }

    @Test
    void aJsonMemberGivenTwiceIsAnInvalidRequestNamingIt() {
        String center = Tokens.center();
        assertRefused(as(center).contentType(ContentType.JSON)
                .body("{\"code\":\"91310000MA1FL8XR1X\",\"name\":\"x\",\"kind\":\"ADMINISTRATIVE\",\"code\":\"x\"}")
                .post("/api/v1/agencies").then(), "INVALID_REQUEST").body("detail", containsString("code"));
        assertRefused(asAgency(reader).contentType(ContentType.JSON)
                .body("{\"signedBy\":\"a\",\"signedBy\":\"b\",\"version\":\"2016-1\"}")
                .post("/api/v1/agencies/" + reader + "/agreement").then(), "INVALID_REQUEST");
        assertRefused(as(center).contentType(ContentType.JSON)
                .body("{\"year\":2027,\"year\":2028,\"papers\":[],\"days\":[]}")
                .put("/api/v1/calendar/2027").then(), "INVALID_REQUEST");
    }

    @Test
    void aNulInAnyJsonBodyIsAnInvalidRequestNamingTheField() {
        String center = Tokens.center();
        String nul = "a\u0000b";
        assertJsonRefused(as(center), "POST", "/api/v1/agencies",
                Map.of("code", "X", "name", nul, "kind", "ADMINISTRATIVE"), "name");
        assertJsonRefused(as(center), "POST", "/api/v1/datasets",
                Map.of("code", "nul-ds", "name", nul, "provider", provider, "subjectType", "PERSON",
                        "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY", "legalBasis", "x",
                        "fields", List.of(Map.of("name", "n", "type", "STRING", "description", "x"))), "name");
        assertJsonRefused(as(center), "POST", "/api/v1/datasets",
                Map.of("code", "nul-ds", "name", "ok", "provider", provider, "subjectType", "PERSON",
                        "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY", "legalBasis", "x",
                        "fields", List.of(Map.of("name", "n", "type", "STRING", "description", nul))), "fields[0].description");
        assertJsonRefused(asAgency(reader), "POST", "/api/v1/applications",
                Map.of("dataset", dataset, "purpose", nul, "fields", List.of("name"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusDays(30).toString()), "purpose");
        assertJsonRefused(asAgency(reader), "POST", "/api/v1/applications",
                Map.of("dataset", dataset, "purpose", "p", "fields", List.of("na\u0000me"), "use", "DUTY",
                        "validUntil", LocalDate.now().plusDays(30).toString()), "fields[0]");
        assertJsonRefused(asAgency(reader), "POST", "/api/v1/objections",
                Map.of("dataset", dataset, "key", key, "kind", "ERROR", "description", nul), "description");
        assertJsonRefused(asAgency(reader), "POST", "/api/v1/agencies/" + reader + "/agreement",
                Map.of("signedBy", nul, "version", "2016-1"), "signedBy");
        assertJsonRefused(asAgency(provider), "PUT", "/api/v1/datasets/" + dataset + "/open",
                Map.of("fields", List.of("name"), "title", nul), "title");
        assertJsonRefused(as(center), "PUT", "/api/v1/calendar/2027",
                Map.of("year", 2027, "papers", List.of(nul), "days", List.of()), "papers[0]");
        assertJsonRefused(as(center), "POST", "/api/v1/assessment/2025/publish",
                Map.of("advice", Map.of(provider, nul)), "advice");
        assertJsonRefused(as(center), "POST", "/api/v1/assessment/2025/publish",
                Map.of("advice", Map.of("a\u0000", "ok")), "advice");
        // A lone surrogate is no text either (it has no UTF-8 form).
        assertJsonRefused(as(center), "POST", "/api/v1/agencies",
                "{\"code\":\"X\",\"name\":\"a\\ud800b\",\"kind\":\"ADMINISTRATIVE\"}", "name");
    }

    private static void assertJsonRefused(RequestSpecification caller, String method, String path, Object body,
                                          String field) {
        assertRefused(caller.contentType(ContentType.JSON).body(body).request(method, path).then(), "INVALID_REQUEST")
                .body("detail", containsString(field));
    }

    @Test
    void aPushedItemWithANulIsThatItemsErrorAndTheOthersAreStored() {
        String good = TestKeys.person(9302);
        String bad = TestKeys.person(9303);
        String body = Platform.person(good, "丙", "某路")
                + "{\"key\":\"" + bad + "\",\"data\":{\"name\":\"a\\u0000b\",\"birthDate\":\"1950-01-01\"}}\n"
                + "{\"key\":\"" + bad + "\",\"data\":{\"name\":\"x\",\"birthDate\":\"1950-01-01\\u0000\"}}\n"
                + "{\"key\":\"" + bad + "\\u0000\",\"data\":{\"name\":\"x\"}}\n"
                + "{\"key\":\"" + bad + "\",\"data\":{\"name\":\"a\u0000b\"}}\n";
        asAgency(provider).contentType("application/x-ndjson").body(body)
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(4))
                .body("errors.line", equalTo(List.of(2, 3, 4, 5)));
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/records/" + good).then().statusCode(200);
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/records/" + bad).then().statusCode(404);
    }

    @Test
    void afterHostileRequestsHonestOnesAreServedAndNoConnectionIsLeftInATransaction() throws Exception {
        for (int i = 0; i < 40; i++) {
            raw(anonymous()).get("/api/v1/datasets/a%00b/export").then().statusCode(400);
            raw(asAgency(reader)).get("/api/v1/datasets/" + dataset + "/records/%00").then().statusCode(400);
        }
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200)
                .body("key", equalTo(key));
        assertEquals(0, idleInTransaction(), "no session of the test database is left idle in a transaction");
    }

    /** Sessions of the gateway's own database left in an open transaction, as PostgreSQL sees them. */
    private static int idleInTransaction() throws InterruptedException {
        // A statement ends a moment after its answer: give PostgreSQL a little time to see it.
        for (int attempt = 0; attempt < 20 && DatabaseSessions.inState("idle in transaction") > 0; attempt++) {
            Thread.sleep(100);
        }
        return DatabaseSessions.inState("idle in transaction");
    }
}
