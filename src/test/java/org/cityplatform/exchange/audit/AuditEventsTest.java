package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Art. 31: every operation leaves its audit event — who, what, which subject, why, how it ended —
 * committed before the caller hears the answer. Each request here carries its own X-Request-Id, so
 * its events are found by it.
 */
@QuarkusTest
class AuditEventsTest {

    private static String requestId() {
        return "t-" + UUID.randomUUID();
    }

    private static RequestSpecification tagged(RequestSpecification request, String requestId) {
        return request.header("X-Request-Id", requestId);
    }

    @Test
    void aLookupRecordsWhoReadWhichSubjectForWhatCase_Art31() {
        String provider = Platform.registerSignedAgency("市公安局户政");
        String reader = Platform.registerSignedAgency("市税务局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(7001);
        Platform.push(provider, dataset, Platform.person(key, "张三", "某路"));

        String id = requestId();
        // Headers carry ASCII: a Chinese case reference travels percent-encoded and is stored decoded.
        tagged(asAgency(reader), id).header("X-Case-Id",
                        java.net.URLEncoder.encode("税务稽查 2026-117", java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .get("/api/v1/datasets/" + dataset + "/records/" + key.toLowerCase()).then().statusCode(200);

        Map<String, Object> event = single(id);
        assertEquals("READ", event.get("action"));
        assertEquals(reader, event.get("agency"));
        assertEquals("system-" + reader, event.get("sub"));
        assertEquals(dataset, event.get("dataset"));
        assertEquals(key, event.get("subject"), "the canonical key, whatever form was asked for");
        assertEquals("OK", event.get("outcome"));
        assertEquals("税务稽查 2026-117", event.get("case_id"));
        assertNotNull(event.get("hash"), "sealed into the chain when committed");
    }

    @Test
    void refusedReadsAreEventsTooWithTheRefusalsCode() {
        String provider = Platform.registerSignedAgency("市卫健委");
        String reader = Platform.registerSignedAgency("市商务委");
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        String key = TestKeys.person(7002);
        Platform.push(provider, conditional, Platform.person(key, "病人", "某院"));

        String refused = requestId();
        assertProblem(tagged(asAgency(reader), refused).get("/api/v1/datasets/" + conditional + "/records/" + key).then(),
                403, "NO_GRANT");
        Map<String, Object> event = single(refused);
        assertEquals("DENIED", event.get("outcome"));
        assertEquals("NO_GRANT", event.get("code"));
        assertEquals(reader, event.get("agency"));
        assertEquals(key, event.get("subject"));

        String metrics = io.restassured.RestAssured.get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("exchange_refusals_total{code=\"NO_GRANT\""), "refusals are counted by code");

        String anonymousRead = requestId();
        assertProblem(tagged(anonymous(), anonymousRead).get("/api/v1/datasets/" + conditional + "/records/" + key).then(),
                401, "UNAUTHENTICATED");
        assertEquals("UNAUTHENTICATED", single(anonymousRead).get("code"));

        String unknownAgency = requestId();
        assertProblem(tagged(asAgency("91310000MA1K4E2X5Y"), unknownAgency)
                .get("/api/v1/datasets/" + conditional + "/records/" + key).then(), 403, "UNKNOWN_AGENCY");
        Map<String, Object> denied = single(unknownAgency);
        assertEquals("91310000MA1K4E2X5Y", denied.get("agency"), "the agency the token claimed");
        assertEquals("DENIED", denied.get("outcome"));
    }

    @Test
    void aPushRecordsEachBatchWithItsLinesAndChangedRowsInTheSameTransaction() {
        String provider = Platform.registerSignedAgency("市不动产登记局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 4500; i++) {
            body.append(Platform.person(TestKeys.person(20_000 + i), "业主" + i, "某小区"));
        }
        String id = requestId();
        tagged(asAgency(provider), id).contentType("application/x-ndjson").body(body.toString())
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);

        List<Map<String, Object>> events = eventually(id, 3);
        assertEquals(List.of("1", "2001", "4001"), events.stream().map(e -> e.get("cursor_from")).toList());
        assertEquals(List.of("2000", "4000", "4500"), events.stream().map(e -> e.get("cursor_to")).toList());
        assertEquals(List.of(2000L, 2000L, 500L), events.stream().map(e -> e.get("count")).toList());
        for (Map<String, Object> event : events) {
            assertEquals("PUSH", event.get("action"));
            assertEquals(provider, event.get("agency"));
            assertEquals("OK", event.get("outcome"));
        }
        awaitSealed(id, 3);

        String again = requestId();
        tagged(asAgency(provider), again).contentType("application/x-ndjson").body(body.toString())
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
        assertEquals(List.of(0L, 0L, 0L), eventually(again, 3).stream().map(e -> e.get("count")).toList(),
                "nothing changed the second time");
    }

    @Test
    void refusedAndRejectedPushesAreEvents() {
        String provider = Platform.registerSignedAgency("市交通委车管");
        String other = Platform.registerSignedAgency("市城投");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");

        String notProvider = requestId();
        assertProblem(tagged(asAgency(other), notProvider).contentType("application/x-ndjson")
                .body(Platform.person(TestKeys.person(7003), "甲", "乙"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 403, "NOT_PROVIDER");
        Map<String, Object> denied = single(notProvider);
        assertEquals("DENIED", denied.get("outcome"));
        assertEquals(other, denied.get("agency"));

        String atomic = requestId();
        assertProblem(tagged(asAgency(provider), atomic).contentType("application/x-ndjson")
                .body(Platform.person(TestKeys.person(7004), "甲", "乙") + "{\"key\":\"not-a-key\",\"data\":{}}\n")
                .post("/api/v1/datasets/" + dataset + "/records?mode=atomic").then(), 422, "BATCH_REJECTED");
        Map<String, Object> rejected = single(atomic);
        assertEquals("INVALID", rejected.get("outcome"));
        assertEquals("BATCH_REJECTED", rejected.get("code"));
        assertEquals(0L, rejected.get("count"));
    }

    @Test
    void changesExportsAndSubjectLookupsRecordWhatLeft() {
        String provider = Platform.registerSignedAgency("市民政局婚登");
        String reader = Platform.registerSignedAgency("市法院");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(7005);
        Platform.push(provider, dataset, Platform.person(key, "李四", "某街") + Platform.person(TestKeys.person(7006), "王五", "某巷"));

        String changes = requestId();
        // wait: a page holds only changes older than every running transaction (another test's may
        // still run); the long poll answers as soon as the push's two rows are below that line.
        String next = tagged(asAgency(reader), changes).queryParam("wait", 10)
                .get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200).extract().path("next");
        Map<String, Object> page = single(changes);
        assertEquals("CHANGES", page.get("action"));
        assertEquals(2L, page.get("count"));
        assertNull(page.get("cursor_from"), "from the beginning");
        assertEquals(next, page.get("cursor_to"));

        String export = requestId();
        String cursor = tagged(asAgency(reader), export).get("/api/v1/datasets/" + dataset + "/export")
                .then().statusCode(200).extract().header("X-Export-Cursor");
        List<Map<String, Object>> exportEvents = eventually(export, 2);
        assertNull(exportEvents.get(0).get("count"), "recorded before the first byte left");
        assertEquals(cursor, exportEvents.get(0).get("cursor_to"));
        assertEquals(2L, exportEvents.get(1).get("count"), "and once finished, with the rows sent");
        assertEquals("OK", exportEvents.get(1).get("outcome"));

        String subject = requestId();
        tagged(asAgency(reader), subject).get("/api/v1/subjects/" + key).then().statusCode(200);
        Map<String, Object> lookup = single(subject);
        assertEquals("SUBJECT_LOOKUP", lookup.get("action"));
        assertEquals(key, lookup.get("subject"));
    }

    @Test
    void art31_managementActionsAreEventsThatNameTheirTarget() {
        String agencyCode = org.cityplatform.exchange.support.TestCodes.creditCode();
        String register = requestId();
        tagged(as(Tokens.center()), register).contentType(ContentType.JSON)
                .body(Map.of("code", agencyCode, "name", "市档案馆", "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then().statusCode(201);
        assertEquals("AGENCY", single(register).get("action"));
        assertEquals(List.of("agency", agencyCode), target(single(register)));

        String sign = requestId();
        tagged(asAgency(agencyCode), sign).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "馆长", "version", "2016-1"))
                .post("/api/v1/agencies/" + agencyCode + "/agreement").then().statusCode(200);
        assertEquals("AGREEMENT", single(sign).get("action"));
        assertEquals(agencyCode, single(sign).get("agency"));

        String consumer = Platform.registerSignedAgency("市审计局");
        String dataset = Platform.registerPersonDataset(agencyCode, "SPECIAL");
        String grant = requestId();
        int grantId = tagged(as(Tokens.center()), grant).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "审计",
                        "use", "DUTY", "validUntil", LocalDate.now().plusMonths(1).toString()))
                .post("/api/v1/grants").then().statusCode(201).extract().path("id");
        assertEquals("GRANT", single(grant).get("action"));
        assertEquals(List.of("grant", String.valueOf(grantId)), target(single(grant)));

        String revoke = requestId();
        tagged(as(Tokens.center()), revoke).delete("/api/v1/grants/" + grantId).then().statusCode(200);
        assertEquals("REVOKE", single(revoke).get("action"));
        assertEquals(List.of("grant", String.valueOf(grantId)), target(single(revoke)));

        String quota = requestId();
        tagged(as(Tokens.center()), quota).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", 500, "concurrentExports", 2))
                .put("/api/v1/agencies/" + consumer + "/quota").then().statusCode(200);
        assertEquals("QUOTA", single(quota).get("action"));
        assertEquals(List.of("agency", consumer), target(single(quota)));

        String classify = requestId();
        tagged(as(Tokens.center()), classify).contentType(ContentType.JSON).body(Map.of("sharingClass", "CONDITIONAL"))
                .put("/api/v1/datasets/" + dataset + "/classification").then().statusCode(200);
        Map<String, Object> classification = single(classify);
        assertEquals("CLASSIFICATION", classification.get("action"));
        assertEquals(dataset, classification.get("dataset"));
        assertEquals(List.of("dataset", dataset), target(classification));
        as(Tokens.center()).queryParam("targetType", "grant").queryParam("targetId", grantId).get("/api/v1/audit")
                .then().statusCode(200).body("events.action", org.hamcrest.Matchers.containsInAnyOrder("GRANT", "REVOKE"));

        String refused = requestId();
        assertProblem(tagged(asAgency(consumer), refused).delete("/api/v1/grants/" + grantId).then(), 403, "FORBIDDEN_ROLE");
        assertEquals("DENIED", single(refused).get("outcome"));
        assertEquals("FORBIDDEN_ROLE", single(refused).get("code"));
    }

    @Test
    void anOverlongCaseReferenceIsRefusedNotCut() {
        String provider = Platform.registerSignedAgency("市市场监管局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        assertProblem(asAgency(provider).header("X-Case-Id", "A".repeat(129))
                .get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(7007)).then(), 400, "INVALID_REQUEST")
                .body("detail", org.hamcrest.Matchers.containsString("X-Case-Id"));
    }

    // --- reading the trail as stored

    /** What a stored event names as its target: [type, id]. */
    private static List<Object> target(Map<String, Object> event) {
        return java.util.Arrays.asList(event.get("target_type"), event.get("target_id"));
    }

    private static Map<String, Object> single(String requestId) {
        List<Map<String, Object>> events = eventually(requestId, 1);
        return events.get(0);
    }

    /**
     * The events of a request, oldest first, once shipped from the journal to PostgreSQL (the
     * answer waited for them to be journaled); an export's closing event is journaled once its last
     * byte left, so it may follow the answer.
     */
    private static List<Map<String, Object>> eventually(String requestId, int expected) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<Map<String, Object>> events = query("SELECT * FROM audit_events WHERE request_id = ? ORDER BY id",
                    requestId);
            if (events.size() >= expected || System.currentTimeMillis() > deadline) {
                assertEquals(expected, events.size(), "events of request " + requestId + ": " + events);
                return events;
            }
            sleep();
        }
    }

    private static void awaitSealed(String requestId, int expected) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<Map<String, Object>> sealed = query(
                    "SELECT * FROM audit_events WHERE request_id = ? AND hash IS NOT NULL", requestId);
            if (sealed.size() == expected) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "push events were not sealed: " + sealed);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Map<String, Object>> query(String sql, Object... parameters) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
